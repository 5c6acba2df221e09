using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>The API's ModelLifeCycle: where a version is on its way to production (Stage, e.g.
/// "Staging"), how that stage went (StageStatus, e.g. "Approved") and why. Stage and StageStatus are
/// required together; UpdateModelPackage replaces all three.</summary>
public sealed class ModelLifeCycle : WireShape
{
    private static readonly string[] Members = { "Stage", "StageStatus", "StageDescription" };

    public ModelLifeCycle(string? stage, string? stageStatus, string? stageDescription = null)
        : base(null)
    {
        Stage = stage;
        StageStatus = stageStatus;
        StageDescription = stageDescription;
    }

    private ModelLifeCycle(JsonObject json)
        : base(json)
    {
        Stage = WireJson.String(json, "Stage");
        StageStatus = WireJson.String(json, "StageStatus");
        StageDescription = WireJson.String(json, "StageDescription");
    }

    public string? Stage { get; }

    public string? StageStatus { get; }

    public string? StageDescription { get; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static ModelLifeCycle? From(JsonObject? json) => json is null ? null : new ModelLifeCycle(json);

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "Stage", Stage);
        WireJson.Set(json, "StageStatus", StageStatus);
        WireJson.Set(json, "StageDescription", StageDescription);
    }

    /// <summary>"Staging/Approved": what the default views show.</summary>
    public override string ToString() => StageStatus is null ? Stage ?? string.Empty : $"{Stage}/{StageStatus}";
}
