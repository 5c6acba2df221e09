using System.Text.Json.Nodes;
using ModelRegistry.Core.Workflow;
using Xunit;

namespace ModelRegistry.Core.Tests.Workflow;

public sealed class ModelVersionCopyTests
{
    private const string SourceArn = "arn:aws:sagemaker:us-east-1:222222222222:model-package/fraud-dev/7";
    private const string DestinationGroup = "arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/fraud-prod";

    private static JsonObject Described() => JsonNode.Parse("""
        {
          "ModelPackageGroupName": "fraud-dev", "ModelPackageVersion": 7, "ModelPackageArn": "arn:aws:sagemaker:us-east-1:222222222222:model-package/fraud-dev/7",
          "ModelPackageName": "fraud-dev", "ModelPackageDescription": "XGBoost, AUC 0.94", "ModelPackageStatus": "Completed",
          "ModelApprovalStatus": "Approved", "ApprovalDescription": "QA passed", "CreationTime": 1764489600,
          "InferenceSpecification": { "Containers": [ { "Image": "222222222222.dkr.ecr.us-east-1.amazonaws.com/fraud:1", "ModelDataUrl": "s3://dev-models/fraud/model.tar.gz" } ], "SupportedContentTypes": ["text/csv"] },
          "ModelMetrics": { "ModelQuality": { "Statistics": { "ContentType": "application/json", "S3Uri": "s3://dev-models/fraud/quality.json" } } },
          "CustomerMetadataProperties": { "team": "fraud" }, "Domain": "MACHINE_LEARNING", "Task": "CLASSIFICATION", "SamplePayloadUrl": "s3://dev-models/fraud/sample.tar.gz",
          "MetadataProperties": { "CommitId": "ffac537e", "Repository": "https://github.com/octo-org/fraud-model" },
          "ModelLifeCycle": { "Stage": "Staging", "StageStatus": "Approved", "StageDescription": "passed shadow tests" },
          "CreatedBy": { "UserProfileName": "dev" }, "CertifyForMarketplace": false,
          "Tags": [ { "Key": "owner", "Value": "fraud" } ],
          "AdditionalInferenceSpecifications": [ { "Name": "gpu", "Containers": [ { "Image": "222222222222.dkr.ecr.us-east-1.amazonaws.com/fraud:1-gpu" } ] } ],
          "DriftCheckBaselines": { "ModelQuality": { "Statistics": { "ContentType": "application/json", "S3Uri": "s3://dev-models/fraud/baseline.json" } } }
        }
        """)!.AsObject();

    [Fact]
    public void The_request_copies_each_copied_member_and_nothing_the_registry_assigns()
    {
        var described = Described();
        Assert.Equal(
            new[] { "InferenceSpecification", "ModelPackageDescription", "Domain", "Task", "SamplePayloadUrl", "ModelMetrics", "CustomerMetadataProperties", "MetadataProperties", "ModelLifeCycle" },
            ModelVersionCopy.CopiedMembers);
        var input = ModelVersionCopy.BuildRequest(described, DestinationGroup, "PendingManualApproval").ToJson();
        foreach (var member in ModelVersionCopy.CopiedMembers)
        {
            Assert.True(JsonNode.DeepEquals(described[member], input[member]), member);
        }

        Assert.Equal(DestinationGroup, (string?)input["ModelPackageGroupName"]);
        Assert.Equal("PendingManualApproval", (string?)input["ModelApprovalStatus"]);
        Assert.Equal(SourceArn, (string?)input["SourceUri"]);
        foreach (var assigned in new[] { "ModelPackageArn", "ModelPackageVersion", "CreationTime", "CreatedBy", "ApprovalDescription", "ModelPackageStatus", "ModelPackageName", "CertifyForMarketplace", "Tags", "AdditionalInferenceSpecifications", "DriftCheckBaselines" })
        {
            Assert.False(input.ContainsKey(assigned), assigned);
        }
    }

    [Fact]
    public void The_ClientToken_is_the_same_for_the_same_source_and_destination_and_fits_the_API()
    {
        var first = ModelVersionCopy.BuildRequest(Described(), DestinationGroup, "Approved").ClientToken!;
        Assert.Equal(first, ModelVersionCopy.BuildRequest(Described(), DestinationGroup.ToUpperInvariant().Replace("ARN:AWS:SAGEMAKER:EU-WEST-1", "arn:aws:sagemaker:eu-west-1"), "Approved").ClientToken);
        Assert.Matches("^[a-zA-Z0-9-]{1,36}$", first);
        Assert.NotEqual(first, ModelVersionCopy.ClientToken(SourceArn, DestinationGroup + "-other"));
        Assert.NotEqual(first, ModelVersionCopy.ClientToken(SourceArn.Replace("/7", "/8"), DestinationGroup));
    }
}
