using System;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>Filters and order of ListModelPackages.</summary>
public sealed class ModelVersionQuery
{
    /// <summary>The group's name or ARN; null lists across groups.</summary>
    public string? GroupName { get; set; }

    public string? ApprovalStatus { get; set; }

    public string? NameContains { get; set; }

    public DateTime? CreationTimeAfter { get; set; }

    public DateTime? CreationTimeBefore { get; set; }

    /// <summary>Versioned (default here), Unversioned or Both.</summary>
    public string? ModelPackageType { get; set; } = "Versioned";

    /// <summary>Name or CreationTime.</summary>
    public string? SortBy { get; set; }

    /// <summary>Ascending or Descending.</summary>
    public string? SortOrder { get; set; }

    /// <summary>MaxResults of each page (1–100); null lets the service choose.</summary>
    public int? PageSize { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        WireJson.Set(json, "ModelPackageGroupName", GroupName);
        WireJson.Set(json, "ModelApprovalStatus", ApprovalStatus);
        WireJson.Set(json, "NameContains", NameContains);
        WireJson.Set(json, "CreationTimeAfter", CreationTimeAfter);
        WireJson.Set(json, "CreationTimeBefore", CreationTimeBefore);
        WireJson.Set(json, "ModelPackageType", ModelPackageType);
        WireJson.Set(json, "SortBy", SortBy);
        WireJson.Set(json, "SortOrder", SortOrder);
        WireJson.Set(json, "MaxResults", PageSize);
        return json;
    }
}
