using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>The input of UpdateModelPackage: approval and customer metadata changes of one version.</summary>
public sealed class ModelVersionUpdate
{
    public ModelVersionUpdate(string arn)
    {
        Arn = arn ?? throw new ArgumentNullException(nameof(arn));
    }

    public string Arn { get; }

    public string? ApprovalStatus { get; set; }

    public string? ApprovalDescription { get; set; }

    /// <summary>Added or overwritten keys.</summary>
    public IDictionary<string, string>? CustomerMetadataProperties { get; set; }

    public IList<string>? CustomerMetadataPropertiesToRemove { get; set; }

    /// <summary>Replaces the whole ModelLifeCycle (Stage and StageStatus are required together).</summary>
    public ModelLifeCycle? LifeCycle { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["ModelPackageArn"] = Arn };
        WireJson.Set(json, "ModelApprovalStatus", ApprovalStatus);
        WireJson.Set(json, "ApprovalDescription", ApprovalDescription);
        WireJson.Set(json, "CustomerMetadataProperties", CustomerMetadataProperties);
        WireJson.Set(json, "CustomerMetadataPropertiesToRemove", CustomerMetadataPropertiesToRemove);
        WireJson.Set(json, "ModelLifeCycle", LifeCycle);
        return json;
    }
}
