using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>A versioned model package as DescribeModelPackage returns it: its summary and the rest.</summary>
public sealed class ModelVersion : ModelVersionSummary
{
    private static readonly string[] Members = SummaryMembers.Concat(new[]
    {
        "ApprovalDescription", "LastModifiedTime", "ModelMetrics", "CustomerMetadataProperties", "Domain", "Task", "SamplePayloadUrl",
        "MetadataProperties", "SourceUri",
    }).ToArray();

    private ModelVersion(JsonObject json)
        : base(json)
    {
        ApprovalDescription = WireJson.String(json, "ApprovalDescription");
        LastModifiedTime = WireJson.Timestamp(json, "LastModifiedTime");
        ModelMetrics = ModelMetrics.From(WireJson.Object(json, "ModelMetrics"));
        CustomerMetadataProperties = WireJson.StringMap(json, "CustomerMetadataProperties");
        Domain = WireJson.String(json, "Domain");
        Task = WireJson.String(json, "Task");
        SamplePayloadUrl = WireJson.String(json, "SamplePayloadUrl");
        CreatedBy = UserContextNames.Describe(WireJson.Object(json, "CreatedBy"));
        LastModifiedBy = UserContextNames.Describe(WireJson.Object(json, "LastModifiedBy"));
        Lineage = MetadataProperties.From(WireJson.Object(json, "MetadataProperties"));
        SourceUri = WireJson.String(json, "SourceUri");
    }

    /// <summary>Why the version was approved or rejected (Approve/Deny-MRModelVersion -Reason).</summary>
    public string? ApprovalDescription { get; }

    /// <summary>Set by the first update; null for a version never changed.</summary>
    public DateTime? LastModifiedTime { get; }

    public ModelMetrics? ModelMetrics { get; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; }

    public string? Domain { get; }

    public string? Task { get; }

    public string? SamplePayloadUrl { get; }

    public string? CreatedBy { get; }

    public string? LastModifiedBy { get; }

    /// <summary>The version's tags, read for a version got singly (ListTags); null when listed or not readable.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; internal set; }

    /// <summary>MetadataProperties: the commit, repository, CI run and project the version came from.</summary>
    public MetadataProperties? Lineage { get; }

    /// <summary>Where the version came from: Copy-MRModelVersion records the source version's ARN here.</summary>
    public string? SourceUri { get; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static new ModelVersion FromJson(JsonObject json) => new(json);

    /// <summary>A version known only from its registration: the request that was sent and the ARN
    /// that came back (arn:...:model-package/&lt;group&gt;/&lt;version&gt;).</summary>
    public static ModelVersion FromRegistration(string arn, ModelVersionRequest request)
    {
        var json = request.ToJson();
        json.Remove("ClientToken");
        json.Remove("Tags");
        json["ModelPackageArn"] = arn;
        var parsed = RegistryArn.Parse(arn);
        json["ModelPackageGroupName"] = parsed.GroupName;
        json["ModelPackageName"] = parsed.GroupName;
        if (parsed.Version is int version) json["ModelPackageVersion"] = version;
        return new ModelVersion(json);
    }

    protected override void WriteModeledMembers(JsonObject json)
    {
        base.WriteModeledMembers(json);
        WireJson.Set(json, "ApprovalDescription", ApprovalDescription);
        WireJson.Set(json, "LastModifiedTime", LastModifiedTime);
        WireJson.Set(json, "ModelMetrics", ModelMetrics);
        WireJson.Set(json, "CustomerMetadataProperties", CustomerMetadataProperties);
        WireJson.Set(json, "Domain", Domain);
        WireJson.Set(json, "Task", Task);
        WireJson.Set(json, "SamplePayloadUrl", SamplePayloadUrl);
        WireJson.Set(json, "MetadataProperties", Lineage);
        WireJson.Set(json, "SourceUri", SourceUri);
    }
}
