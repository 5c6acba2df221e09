using System;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>Filters and order of ListModelPackageGroups.</summary>
public sealed class ModelGroupQuery
{
    public string? NameContains { get; set; }

    public DateTime? CreationTimeAfter { get; set; }

    public DateTime? CreationTimeBefore { get; set; }

    /// <summary>Name or CreationTime.</summary>
    public string? SortBy { get; set; }

    /// <summary>Ascending or Descending.</summary>
    public string? SortOrder { get; set; }

    /// <summary>SameAccount or CrossAccount (groups shared with this account by resource policy).</summary>
    public string? CrossAccountFilterOption { get; set; }

    /// <summary>MaxResults of each page (1–100); null lets the service choose.</summary>
    public int? PageSize { get; set; }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        WireJson.Set(json, "NameContains", NameContains);
        WireJson.Set(json, "CreationTimeAfter", CreationTimeAfter);
        WireJson.Set(json, "CreationTimeBefore", CreationTimeBefore);
        WireJson.Set(json, "SortBy", SortBy);
        WireJson.Set(json, "SortOrder", SortOrder);
        WireJson.Set(json, "CrossAccountFilterOption", CrossAccountFilterOption);
        WireJson.Set(json, "MaxResults", PageSize);
        return json;
    }
}
