using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

public sealed class ModelVersionRequestTests
{
    private const string Boto3Input = """
        {
          "ModelPackageGroupName": "fraud-detector",
          "ModelPackageDescription": "XGBoost 1.7, AUC 0.94",
          "ModelApprovalStatus": "PendingManualApproval",
          "InferenceSpecification": {
            "Containers": [
              {
                "Image": "111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.7-1",
                "ModelDataUrl": "s3://models-111111111111/fraud/model.tar.gz",
                "Environment": { "SAGEMAKER_PROGRAM": "inference.py", "MODEL_THRESHOLD": "0.7" },
                "Framework": "XGBOOST",
                "FrameworkVersion": "1.7",
                "NearestModelName": "xgboost"
              }
            ],
            "SupportedTransformInstanceTypes": ["ml.m5.large"],
            "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.c5.xlarge"],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"]
          },
          "ModelMetrics": {
            "ModelQuality": {
              "Statistics": { "ContentType": "application/json", "S3Uri": "s3://models-111111111111/fraud/evaluation.json" }
            }
          },
          "CustomerMetadataProperties": { "git_commit": "4f2a9c1" },
          "Domain": "MACHINE_LEARNING",
          "Task": "CLASSIFICATION",
          "SamplePayloadUrl": "s3://models-111111111111/fraud/payload.tar.gz",
          "Tags": [ { "Key": "team", "Value": "risk" } ]
        }
        """;

    [Fact]
    public void Boto3_input_and_typed_values_give_identical_wire_json()
    {
        var typed = new ModelVersionRequest("fraud-detector")
        {
            Description = "XGBoost 1.7, AUC 0.94",
            ApprovalStatus = ModelApprovalStatus.PendingManualApproval,
            InferenceSpecification = new InferenceSpecification
            {
                Containers =
                {
                    new InferenceContainer("111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.7-1")
                    {
                        ModelDataUrl = "s3://models-111111111111/fraud/model.tar.gz",
                        Environment = new Dictionary<string, string> { ["SAGEMAKER_PROGRAM"] = "inference.py", ["MODEL_THRESHOLD"] = "0.7" },
                        Framework = "XGBOOST",
                        FrameworkVersion = "1.7",
                        NearestModelName = "xgboost",
                    },
                },
                SupportedTransformInstanceTypes = ["ml.m5.large"],
                SupportedRealtimeInferenceInstanceTypes = ["ml.m5.large", "ml.c5.xlarge"],
                SupportedContentTypes = ["text/csv"],
                SupportedResponseMIMETypes = ["text/csv"],
            },
            ModelMetrics = new ModelMetrics
            {
                ModelQualityStatistics = new MetricsSource("application/json", "s3://models-111111111111/fraud/evaluation.json"),
            },
            CustomerMetadataProperties = new Dictionary<string, string> { ["git_commit"] = "4f2a9c1" },
            Domain = "MACHINE_LEARNING",
            Task = "CLASSIFICATION",
            SamplePayloadUrl = "s3://models-111111111111/fraud/payload.tar.gz",
            Tags = [new ResourceTag("team", "risk")],
        };

        var fromText = ModelVersionRequest.FromJson(Boto3Input).ToJson().ToJsonString();
        var fromObject = ModelVersionRequest.FromJson(JsonNode.Parse(Boto3Input)!.AsObject()).ToJson().ToJsonString();

        Assert.Equal(typed.ToJson().ToJsonString(), fromText);
        Assert.Equal(fromText, fromObject);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Boto3Input), JsonNode.Parse(fromText)));
    }

    [Fact]
    public void Every_member_it_emits_is_a_member_of_CreateModelPackageInput()
    {
        var request = ModelVersionRequest.FromJson(Boto3Input);
        request.ClientToken = "3f0c9a52-5d7b-4d8e-9a51-0c7b2d8e6a11";
        request.ModelMetrics!.BiasReport = new MetricsSource("application/json", "s3://b/bias.json", "sha256:ab");
        request.ModelMetrics.BiasPreTrainingReport = new MetricsSource("application/json", "s3://b/pre.json");
        request.ModelMetrics.BiasPostTrainingReport = new MetricsSource("application/json", "s3://b/post.json");
        request.ModelMetrics.ExplainabilityReport = new MetricsSource("application/json", "s3://b/shap.json");
        request.ModelMetrics.ModelQualityConstraints = new MetricsSource("application/json", "s3://b/qc.json");
        request.ModelMetrics.ModelDataQualityStatistics = new MetricsSource("application/json", "s3://b/dqs.json");
        request.ModelMetrics.ModelDataQualityConstraints = new MetricsSource("application/json", "s3://b/dqc.json");
        var container = request.InferenceSpecification!.Containers[0];
        container.ContainerHostname = "primary";
        container.ImageDigest = "sha256:0123";
        container.ProductId = "prod-1";

        var json = request.ToJson();

        ModelShapes.AssertConforms("CreateModelPackageInput", json);
        Assert.Equal(8, json["ModelMetrics"]!.AsObject().Sum(group => group.Value!.AsObject().Count));
    }

    [Fact]
    public void Api_members_it_does_not_model_are_sent_unchanged_after_the_modeled_ones()
    {
        var input = JsonNode.Parse(Boto3Input)!.AsObject();
        input["MetadataProperties"] = new JsonObject { ["CommitId"] = "4f2a9c1" };
        input["InferenceSpecification"]!["Containers"]![0]!["ModelInput"] = new JsonObject { ["DataInputConfig"] = "{\"input\":[1,3]}" };
        input["CertifyForMarketplace"] = false;

        var request = ModelVersionRequest.FromJson(input);
        request.Description = "changed";
        var json = request.ToJson();

        Assert.Equal("changed", (string?)json["ModelPackageDescription"]);
        Assert.Equal("4f2a9c1", (string?)json["MetadataProperties"]!["CommitId"]);
        Assert.Equal("{\"input\":[1,3]}", (string?)json["InferenceSpecification"]!["Containers"]![0]!["ModelInput"]!["DataInputConfig"]);
        Assert.False((bool?)json["CertifyForMarketplace"]);
        Assert.Equal("CertifyForMarketplace", json.Last().Key);
    }

    [Theory]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"ModelPackageGroupName\":", "is not valid JSON")]
    public void Rejects_input_that_is_not_a_json_object(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => ModelVersionRequest.FromJson(text));
        Assert.Contains(reason, error.Message);
    }
}
