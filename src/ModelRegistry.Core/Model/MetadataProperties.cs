using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>The API's MetadataProperties: the lineage of a version (the commit it was built from,
/// the repository, the pipeline run that generated it, the SageMaker project).</summary>
public sealed class MetadataProperties : WireShape
{
    private static readonly string[] Members = { "CommitId", "GeneratedBy", "ProjectId", "Repository" };

    public MetadataProperties()
        : base(null)
    {
    }

    private MetadataProperties(JsonObject json)
        : base(json)
    {
        CommitId = WireJson.String(json, "CommitId");
        GeneratedBy = WireJson.String(json, "GeneratedBy");
        ProjectId = WireJson.String(json, "ProjectId");
        Repository = WireJson.String(json, "Repository");
    }

    public string? CommitId { get; set; }

    /// <summary>What produced the version, e.g. the URL of the CI run.</summary>
    public string? GeneratedBy { get; set; }

    public string? ProjectId { get; set; }

    public string? Repository { get; set; }

    /// <summary>True when no member is set (nothing worth sending).</summary>
    internal bool IsEmpty => CommitId is null && GeneratedBy is null && ProjectId is null && Repository is null && Raw.Count == 0;

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static MetadataProperties? From(JsonObject? json) => json is null ? null : new MetadataProperties(json);

    /// <summary>The members given; null when none is.</summary>
    public static MetadataProperties? Of(string? commitId, string? repository, string? generatedBy, string? projectId)
    {
        var given = new MetadataProperties { CommitId = commitId, Repository = repository, GeneratedBy = generatedBy, ProjectId = projectId };
        return given.IsEmpty ? null : given;
    }

    /// <summary>Each member of <paramref name="preferred"/> that is set, else <paramref name="fallback"/>'s.</summary>
    public static MetadataProperties? Combine(MetadataProperties? preferred, MetadataProperties? fallback)
    {
        if (preferred is null) return fallback;
        if (fallback is null) return preferred;
        var combined = From(preferred.ToJson())!;
        combined.CommitId ??= fallback.CommitId;
        combined.GeneratedBy ??= fallback.GeneratedBy;
        combined.ProjectId ??= fallback.ProjectId;
        combined.Repository ??= fallback.Repository;
        return combined;
    }

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "CommitId", CommitId);
        WireJson.Set(json, "GeneratedBy", GeneratedBy);
        WireJson.Set(json, "ProjectId", ProjectId);
        WireJson.Set(json, "Repository", Repository);
    }
}
