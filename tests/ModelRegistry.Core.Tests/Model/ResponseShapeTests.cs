using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

public sealed class ResponseShapeTests
{
    private const string DescribedVersion = """
        {
          "ModelPackageGroupName": "fraud-detector",
          "ModelPackageVersion": 3,
          "ModelPackageArn": "arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud-detector/3",
          "ModelPackageDescription": "XGBoost 1.7",
          "CreationTime": 1764072000.123,
          "LastModifiedTime": 1764075600,
          "InferenceSpecification": {
            "Containers": [ { "Image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.7-1", "ModelDataUrl": "s3://m/fraud/model.tar.gz", "ModelDataETag": "abc" } ],
            "SupportedContentTypes": ["text/csv"]
          },
          "ModelPackageStatus": "Completed",
          "ModelPackageStatusDetails": { "ValidationStatuses": [] },
          "ModelApprovalStatus": "Approved",
          "ApprovalDescription": "passed review",
          "CreatedBy": { "IamIdentity": { "Arn": "arn:aws:iam::111111111111:user/ana" } },
          "LastModifiedBy": { "UserProfileName": "reviewer" },
          "ModelMetrics": { "ModelQuality": { "Statistics": { "ContentType": "application/json", "S3Uri": "s3://m/eval.json" } } },
          "CustomerMetadataProperties": { "git_commit": "4f2a9c1" },
          "ModelCard": { "ModelCardStatus": "Draft" },
          "Domain": "MACHINE_LEARNING",
          "Task": "CLASSIFICATION",
          "SamplePayloadUrl": "s3://m/payload.tar.gz"
        }
        """;

    [Fact]
    public void A_described_version_reads_typed_values_and_epoch_timestamps_as_utc()
    {
        var version = ModelVersion.FromJson(JsonNode.Parse(DescribedVersion)!.AsObject());

        Assert.Equal("fraud-detector", version.GroupName);
        Assert.Equal(3, version.Version);
        Assert.Equal(ModelApprovalStatus.Approved, version.ApprovalStatus);
        Assert.Equal("passed review", version.ApprovalDescription);
        Assert.Equal("Completed", version.Status);
        Assert.Equal(new DateTime(2025, 11, 25, 12, 0, 0, 123, DateTimeKind.Utc), version.CreationTime);
        Assert.Equal(DateTimeKind.Utc, version.CreationTime!.Value.Kind);
        Assert.Equal(new DateTime(2025, 11, 25, 13, 0, 0, DateTimeKind.Utc), version.LastModifiedTime);
        Assert.Equal("arn:aws:iam::111111111111:user/ana", version.CreatedBy);
        Assert.Equal("reviewer", version.LastModifiedBy);
        Assert.Equal("s3://m/fraud/model.tar.gz", version.InferenceSpecification!.Containers[0].ModelDataUrl);
        Assert.Equal("s3://m/eval.json", version.ModelMetrics!.ModelQualityStatistics!.S3Uri);
        Assert.Equal("4f2a9c1", version.CustomerMetadataProperties!["git_commit"]);
    }

    [Fact]
    public void Re_serializing_a_described_version_keeps_every_member_including_unmodeled_ones()
    {
        var received = JsonNode.Parse(DescribedVersion)!;

        var json = ModelVersion.FromJson(received.AsObject()).ToJson();

        Assert.True(JsonNode.DeepEquals(received, json), json.ToJsonString());
    }

    [Fact]
    public void Changes_to_nested_shapes_show_in_the_json_and_leave_the_raw_copy_alone()
    {
        var version = ModelVersion.FromJson(JsonNode.Parse(DescribedVersion)!.AsObject());

        version.InferenceSpecification!.Containers[0].Image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.8";

        var container = version.ToJson()["InferenceSpecification"]!["Containers"]![0]!;
        Assert.Equal("111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.8", (string?)container["Image"]);
        Assert.Equal("abc", (string?)container["ModelDataETag"]);
        Assert.EndsWith("fraud:1.7-1", (string?)version.Raw["InferenceSpecification"]!["Containers"]![0]!["Image"]);
    }

    [Fact]
    public void Group_and_summary_shapes_read_their_members()
    {
        var group = ModelGroup.FromJson(JsonNode.Parse("""
            {"ModelPackageGroupName":"fraud","ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud",
             "ModelPackageGroupDescription":"d","CreationTime":1764072000,"ModelPackageGroupStatus":"Completed",
             "CreatedBy":{"UserProfileName":"ana"}}
            """)!.AsObject());
        var summary = ModelVersionSummary.FromJson(JsonNode.Parse("""
            {"ModelPackageGroupName":"fraud","ModelPackageVersion":2,"ModelPackageArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/2",
             "CreationTime":1764072000.5,"ModelPackageStatus":"Completed","ModelApprovalStatus":"Rejected",
             "InferenceSpecification":{"Containers":[{"Image":"i/r:1"}]}}
            """)!.AsObject());

        Assert.Equal(("fraud", "Completed", "ana"), (group.Name, group.Status, group.CreatedBy));
        Assert.Equal(new DateTime(2025, 11, 25, 12, 0, 0, DateTimeKind.Utc), group.CreationTime);
        Assert.Equal((2, "Rejected", "i/r:1"), (summary.Version!.Value, summary.ApprovalStatus, summary.InferenceSpecification!.Containers[0].Image));
        Assert.Equal(500, summary.CreationTime!.Value.Millisecond);
        ModelShapes.AssertConforms("DescribeModelPackageGroupOutput", group.ToJson());
        ModelShapes.AssertConforms("BatchDescribeModelPackageSummary", summary.ToJson());
    }

    [Fact]
    public void Queries_and_updates_emit_only_model_members_with_epoch_second_times()
    {
        var versions = new ModelVersionQuery
        {
            GroupName = "fraud",
            ApprovalStatus = ModelApprovalStatus.Approved,
            NameContains = "fr",
            CreationTimeAfter = new DateTime(2025, 11, 25, 12, 0, 0, DateTimeKind.Utc),
            CreationTimeBefore = new DateTime(2025, 11, 25, 12, 0, 0, 250, DateTimeKind.Utc),
            SortBy = "CreationTime",
            SortOrder = "Descending",
            PageSize = 10,
        }.ToJson();
        var groups = new ModelGroupQuery { NameContains = "f", SortBy = "Name", SortOrder = "Ascending", CrossAccountFilterOption = "CrossAccount", PageSize = 5 }.ToJson();
        var update = new ModelVersionUpdate("arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/2")
        {
            ApprovalStatus = ModelApprovalStatus.Approved,
            ApprovalDescription = "ok",
            CustomerMetadataProperties = new Dictionary<string, string> { ["k"] = "v" },
            CustomerMetadataPropertiesToRemove = ["old"],
        }.ToJson();

        ModelShapes.AssertConforms("ListModelPackagesInput", versions);
        ModelShapes.AssertConforms("ListModelPackageGroupsInput", groups);
        ModelShapes.AssertConforms("UpdateModelPackageInput", update);
        Assert.Equal("1764072000", versions["CreationTimeAfter"]!.ToJsonString());
        Assert.Equal("1764072000.25", versions["CreationTimeBefore"]!.ToJsonString());
        Assert.Equal("Versioned", (string?)versions["ModelPackageType"]);
    }
}
