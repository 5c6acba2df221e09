using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>A model package group, from DescribeModelPackageGroup or a ListModelPackageGroups summary.</summary>
public sealed class ModelGroup : WireShape
{
    private static readonly string[] Members =
    {
        "ModelPackageGroupName", "ModelPackageGroupArn", "ModelPackageGroupDescription", "CreationTime", "ModelPackageGroupStatus",
    };

    private ModelGroup(JsonObject json)
        : base(json)
    {
        Name = WireJson.String(json, "ModelPackageGroupName") ?? string.Empty;
        Arn = WireJson.String(json, "ModelPackageGroupArn") ?? string.Empty;
        Description = WireJson.String(json, "ModelPackageGroupDescription");
        CreationTime = WireJson.Timestamp(json, "CreationTime");
        Status = WireJson.String(json, "ModelPackageGroupStatus");
        CreatedBy = UserContextNames.Describe(WireJson.Object(json, "CreatedBy"));
    }

    public string Name { get; }

    public string Arn { get; }

    public string? Description { get; }

    public DateTime? CreationTime { get; }

    /// <summary>Pending, InProgress, Completed, Failed, Deleting or DeleteFailed.</summary>
    public string? Status { get; }

    /// <summary>The IAM identity or user profile from CreatedBy (Describe only).</summary>
    public string? CreatedBy { get; }

    /// <summary>The group's tags, read for a group got by name (ListTags); null in listings.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; internal set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static ModelGroup FromJson(JsonObject json) => new(json);

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "ModelPackageGroupName", Name);
        WireJson.Set(json, "ModelPackageGroupArn", Arn);
        WireJson.Set(json, "ModelPackageGroupDescription", Description);
        WireJson.Set(json, "CreationTime", CreationTime);
        WireJson.Set(json, "ModelPackageGroupStatus", Status);
    }

    /// <summary>The name, so a group given where a group name is expected binds as one; ToJson() has the whole shape.</summary>
    public override string ToString() => Name;
}
