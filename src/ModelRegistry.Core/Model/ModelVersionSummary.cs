using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>
/// A model version as ListModelPackages (ModelPackageSummary) or BatchDescribeModelPackage
/// (BatchDescribeModelPackageSummary, which adds the inference specification) returns it; a full
/// <see cref="ModelVersion"/> is a summary with the rest of DescribeModelPackage's answer.
/// </summary>
public class ModelVersionSummary : WireShape
{
    private protected static readonly string[] SummaryMembers =
    {
        "ModelPackageGroupName", "ModelPackageVersion", "ModelPackageArn", "ModelPackageName", "ModelPackageDescription",
        "ModelApprovalStatus", "ModelPackageStatus", "CreationTime", "InferenceSpecification", "ModelLifeCycle",
    };

    private protected ModelVersionSummary(JsonObject json)
        : base(json)
    {
        GroupName = WireJson.String(json, "ModelPackageGroupName");
        Version = WireJson.Int(json, "ModelPackageVersion");
        Arn = WireJson.String(json, "ModelPackageArn") ?? string.Empty;
        Name = WireJson.String(json, "ModelPackageName");
        Description = WireJson.String(json, "ModelPackageDescription");
        ApprovalStatus = WireJson.String(json, "ModelApprovalStatus");
        Status = WireJson.String(json, "ModelPackageStatus");
        CreationTime = WireJson.Timestamp(json, "CreationTime");
        InferenceSpecification = InferenceSpecification.From(WireJson.Object(json, "InferenceSpecification"));
        LifeCycle = ModelLifeCycle.From(WireJson.Object(json, "ModelLifeCycle"));
    }

    public string? GroupName { get; }

    public int? Version { get; }

    public string Arn { get; }

    public string? Name { get; }

    public string? Description { get; }

    public string? ApprovalStatus { get; }

    public string? Status { get; }

    public DateTime? CreationTime { get; }

    /// <summary>In BatchDescribeModelPackage and DescribeModelPackage results, not in listings.</summary>
    public InferenceSpecification? InferenceSpecification { get; }

    /// <summary>ModelLifeCycle: the stage (in listings and descriptions, not in batch descriptions).</summary>
    public ModelLifeCycle? LifeCycle { get; }

    /// <summary>The stage's name (LifeCycle.Stage), for views and filters.</summary>
    public string? Stage => LifeCycle?.Stage;

    protected override IReadOnlyCollection<string> ModeledMembers => SummaryMembers;

    public static ModelVersionSummary FromJson(JsonObject json) => new(json);

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "ModelPackageGroupName", GroupName);
        WireJson.Set(json, "ModelPackageVersion", Version);
        WireJson.Set(json, "ModelPackageArn", Arn);
        WireJson.Set(json, "ModelPackageName", Name);
        WireJson.Set(json, "ModelPackageDescription", Description);
        WireJson.Set(json, "ModelApprovalStatus", ApprovalStatus);
        WireJson.Set(json, "ModelPackageStatus", Status);
        WireJson.Set(json, "CreationTime", CreationTime);
        WireJson.Set(json, "InferenceSpecification", InferenceSpecification);
        WireJson.Set(json, "ModelLifeCycle", LifeCycle);
    }

    /// <summary>The ARN, so a version given where an ARN string is expected binds as one; ToJson() has the whole shape.</summary>
    public override string ToString() => Arn;
}
