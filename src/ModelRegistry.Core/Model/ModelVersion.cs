using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>A versioned model package as DescribeModelPackage returns it.</summary>
public sealed class ModelVersion : WireShape
{
    private static readonly string[] Members =
    {
        "ModelPackageGroupName", "ModelPackageVersion", "ModelPackageArn", "ModelPackageName", "ModelPackageDescription",
        "ModelApprovalStatus", "ApprovalDescription", "ModelPackageStatus", "CreationTime", "LastModifiedTime",
        "InferenceSpecification", "ModelMetrics", "CustomerMetadataProperties", "Domain", "Task", "SamplePayloadUrl",
    };

    private ModelVersion(JsonObject json)
        : base(json)
    {
        GroupName = WireJson.String(json, "ModelPackageGroupName");
        Version = WireJson.Int(json, "ModelPackageVersion");
        Arn = WireJson.String(json, "ModelPackageArn") ?? string.Empty;
        Name = WireJson.String(json, "ModelPackageName");
        Description = WireJson.String(json, "ModelPackageDescription");
        ApprovalStatus = WireJson.String(json, "ModelApprovalStatus");
        ApprovalDescription = WireJson.String(json, "ApprovalDescription");
        Status = WireJson.String(json, "ModelPackageStatus");
        CreationTime = WireJson.Timestamp(json, "CreationTime");
        LastModifiedTime = WireJson.Timestamp(json, "LastModifiedTime");
        InferenceSpecification = InferenceSpecification.From(WireJson.Object(json, "InferenceSpecification"));
        ModelMetrics = ModelMetrics.From(WireJson.Object(json, "ModelMetrics"));
        CustomerMetadataProperties = WireJson.StringMap(json, "CustomerMetadataProperties");
        Domain = WireJson.String(json, "Domain");
        Task = WireJson.String(json, "Task");
        SamplePayloadUrl = WireJson.String(json, "SamplePayloadUrl");
        CreatedBy = UserContextNames.Describe(WireJson.Object(json, "CreatedBy"));
        LastModifiedBy = UserContextNames.Describe(WireJson.Object(json, "LastModifiedBy"));
    }

    public string? GroupName { get; }

    public int? Version { get; }

    public string Arn { get; }

    public string? Name { get; }

    public string? Description { get; }

    /// <summary>One of <see cref="ModelApprovalStatus"/>.</summary>
    public string? ApprovalStatus { get; }

    public string? ApprovalDescription { get; }

    /// <summary>Pending, InProgress, Completed, Failed or Deleting.</summary>
    public string? Status { get; }

    public DateTime? CreationTime { get; }

    public DateTime? LastModifiedTime { get; }

    public InferenceSpecification? InferenceSpecification { get; }

    public ModelMetrics? ModelMetrics { get; }

    public IReadOnlyDictionary<string, string>? CustomerMetadataProperties { get; }

    public string? Domain { get; }

    public string? Task { get; }

    public string? SamplePayloadUrl { get; }

    public string? CreatedBy { get; }

    public string? LastModifiedBy { get; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static ModelVersion FromJson(JsonObject json) => new(json);

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
        WireJson.Set(json, "ModelPackageGroupName", GroupName);
        WireJson.Set(json, "ModelPackageVersion", Version);
        WireJson.Set(json, "ModelPackageArn", Arn);
        WireJson.Set(json, "ModelPackageName", Name);
        WireJson.Set(json, "ModelPackageDescription", Description);
        WireJson.Set(json, "ModelApprovalStatus", ApprovalStatus);
        WireJson.Set(json, "ApprovalDescription", ApprovalDescription);
        WireJson.Set(json, "ModelPackageStatus", Status);
        WireJson.Set(json, "CreationTime", CreationTime);
        WireJson.Set(json, "LastModifiedTime", LastModifiedTime);
        WireJson.Set(json, "InferenceSpecification", InferenceSpecification);
        WireJson.Set(json, "ModelMetrics", ModelMetrics);
        WireJson.Set(json, "CustomerMetadataProperties", CustomerMetadataProperties);
        WireJson.Set(json, "Domain", Domain);
        WireJson.Set(json, "Task", Task);
        WireJson.Set(json, "SamplePayloadUrl", SamplePayloadUrl);
    }

    /// <summary>The arn, so a version given where an arn string is expected binds as one; ToJson() has the whole shape.</summary>
    public override string ToString() => Arn;
}
