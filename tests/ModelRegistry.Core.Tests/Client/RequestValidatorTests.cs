using System.Text.Json.Nodes;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class RequestValidatorTests
{
    private static readonly RequestValidator SageMaker = new(ServiceModel.Load("sagemaker"));

    [Theory]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.7-1")]
    [InlineData("111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/team/fraud@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("127.0.0.1:5000/fraud")]
    public void Accepts_well_formed_versions(string image) =>
        SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(ModelPackageInput.Container(image)));

    [Theory]
    [InlineData("fraud:latest")]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com/Fraud:1")]
    [InlineData("11111.dkr.ecr.us-east-1.amazonaws.com/fraud:1")]
    [InlineData(".dkr.ecr.us-east-1.amazonaws.com/fraud:1")]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud@sha256:short")]
    public void Rejects_image_references_of_the_wrong_shape(string image)
    {
        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(ModelPackageInput.Container(image))));

        Assert.Equal(("InferenceSpecification.Containers[0].Image", image, "pattern"), (error.MemberPath, error.Value, error.Rule));
        Assert.StartsWith($"InferenceSpecification.Containers[0].Image: value '{image}' is not an image reference", error.Message);
    }

    [Theory]
    [InlineData("s3://models")]
    [InlineData("s3://Models/model.tar.gz")]
    [InlineData("https://models.s3.amazonaws.com/model.tar.gz")]
    [InlineData("s3://ab/model.tar.gz")]
    public void Rejects_model_data_that_is_not_an_s3_url(string url)
    {
        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(ModelPackageInput.Container(modelData: url))));

        Assert.Equal(("InferenceSpecification.Containers[0].ModelDataUrl", url), (error.MemberPath, error.Value));
        // The message names the whole rule: a two-letter bucket is of the form s3://bucket/key, yet no S3 bucket name.
        Assert.EndsWith("is not an S3 URL of the form s3://bucket/key whose bucket name is 3 to 63 lowercase letters, digits, dots or hyphens, "
            + "starting and ending with a letter or digit", error.Message);
    }

    [Theory]
    [InlineData("aws:team")]
    [InlineData("AWS:cost-center")]
    [InlineData("Aws:")]
    public void Rejects_tag_keys_in_the_reserved_aws_prefix(string key)
    {
        var group = new JsonObject
        {
            ["ModelPackageGroupName"] = "fraud",
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "risk" }, new JsonObject { ["Key"] = key, ["Value"] = "x" }),
        };

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackageGroup", group));

        Assert.Equal(("Tags[1].Key", key, ShapeRules.Reserved), (error.MemberPath, error.Value, error.Rule));
        Assert.Contains("aws:", error.Message);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("awsome")]
    [InlineData("my:aws:key")]
    public void Accepts_tag_keys_outside_the_reserved_prefix(string key) =>
        SageMaker.Validate("AddTags", new JsonObject
        {
            ["ResourceArn"] = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud",
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = key, ["Value"] = "x" }),
        });

    [Fact]
    public void Rejects_metrics_and_sample_payloads_outside_s3()
    {
        var withMetrics = ModelPackageInput.Minimal(ModelPackageInput.Container());
        withMetrics["ModelMetrics"] = new JsonObject { ["Bias"] = new JsonObject { ["Report"] = new JsonObject { ["ContentType"] = "application/json", ["S3Uri"] = "s3://b" } } };
        var withPayload = ModelPackageInput.Minimal(ModelPackageInput.Container());
        withPayload["SamplePayloadUrl"] = "https://example.com/p.tar.gz";

        Assert.Equal("ModelMetrics.Bias.Report.S3Uri", Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", withMetrics)).MemberPath);
        Assert.Equal("SamplePayloadUrl", Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", withPayload)).MemberPath);
    }

    [Fact]
    public void Allows_sixteen_environment_variables_per_container_but_not_seventeen()
    {
        var container = ModelPackageInput.Container();
        container["Environment"] = new JsonObject(Enumerable.Range(0, 16).Select(i => KeyValuePair.Create($"VAR_{i}", (JsonNode?)"x")));
        SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(container.DeepClone().AsObject()));

        container["Environment"]!["VAR_16"] = "x";
        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(container)));

        Assert.Equal(("InferenceSpecification.Containers[0].Environment", "max"), (error.MemberPath, error.Rule));
        Assert.Contains("has 17 entries", error.Message);
    }

    [Fact]
    public void Model_constraints_come_first_with_the_member_path_value_and_rule()
    {
        var input = ModelPackageInput.Minimal(ModelPackageInput.Container());
        input["InferenceSpecification"]!["Containers"]![0]!["FrameworkVersion"] = "x";

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", input));

        Assert.Equal(("CreateModelPackage", "InferenceSpecification.Containers[0].FrameworkVersion", "x"), (error.Operation, error.MemberPath, error.Value));
        Assert.StartsWith("InferenceSpecification.Containers[0].FrameworkVersion: value 'x' failed to satisfy constraint: ", error.Message);
    }

    [Fact]
    public void More_than_fifteen_containers_or_none_break_the_model_list_size()
    {
        var none = ModelPackageInput.Minimal(ModelPackageInput.Container());
        none["InferenceSpecification"]!["Containers"] = new JsonArray();
        var sixteen = ModelPackageInput.Minimal(ModelPackageInput.Container());
        sixteen["InferenceSpecification"]!["Containers"] = new JsonArray(Enumerable.Range(0, 16).Select(_ => (JsonNode?)ModelPackageInput.Container()).ToArray());

        var tooFew = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", none));
        var tooMany = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", sixteen));

        Assert.Equal(("InferenceSpecification.Containers", "min"), (tooFew.MemberPath, tooFew.Rule));
        Assert.Equal(("InferenceSpecification.Containers", "max"), (tooMany.MemberPath, tooMany.Rule));
    }

    [Fact]
    public void A_missing_required_member_has_a_null_value()
    {
        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("DescribeModelPackageGroup", new JsonObject()));

        Assert.Equal(("ModelPackageGroupName", null, "required"), (error.MemberPath, error.Value, error.Rule));
    }

    [Theory]
    [InlineData("ModelQuality", "Statistics")]
    [InlineData("ModelQuality", "Constraints")]
    [InlineData("ModelDataQuality", "Statistics")]
    [InlineData("ModelDataQuality", "Constraints")]
    [InlineData("Bias", "Report")]
    [InlineData("Bias", "PreTrainingReport")]
    [InlineData("Bias", "PostTrainingReport")]
    [InlineData("Explainability", "Report")]
    public void Every_metrics_report_must_be_in_s3(string group, string report)
    {
        var input = ModelPackageInput.Minimal(ModelPackageInput.Container());
        input["ModelMetrics"] = new JsonObject { [group] = new JsonObject { [report] = new JsonObject { ["ContentType"] = "application/json", ["S3Uri"] = "https://example.com/m.json" } } };

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", input));

        Assert.Equal(($"ModelMetrics.{group}.{report}.S3Uri", "https://example.com/m.json", "pattern"), (error.MemberPath, error.Value, error.Rule));
        Assert.Equal($"ModelMetrics.{group}.{report}.S3Uri: value 'https://example.com/m.json' is not an S3 URL of the form s3://bucket/key whose bucket name is "
            + "3 to 63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit", error.Message);
    }

    [Fact]
    public void Every_container_is_checked_not_only_the_first()
    {
        var input = ModelPackageInput.Minimal(ModelPackageInput.Container());
        input["InferenceSpecification"]!["Containers"]!.AsArray().Add(ModelPackageInput.Container(modelData: "https://example.com/second.tar.gz"));

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", input));

        Assert.Equal("InferenceSpecification.Containers[1].ModelDataUrl", error.MemberPath);
    }

    [Fact]
    public void A_model_constraint_message_quotes_the_value_and_keeps_the_whole_constraint()
    {
        var input = ModelPackageInput.Minimal(ModelPackageInput.Container());
        input["ModelApprovalStatus"] = "Maybe";

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", input));

        Assert.Equal("ModelApprovalStatus: value 'Maybe' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected, PendingManualApproval]", error.Message);
    }

    [Fact]
    public void A_type_violation_withholds_the_value_and_keeps_the_model_message()
    {
        var input = ModelPackageInput.Minimal(ModelPackageInput.Container());
        input["ModelApprovalStatus"] = 5;

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", input));

        Assert.Null(error.Value);
        Assert.Equal("ModelApprovalStatus: Value at 'modelApprovalStatus' failed to satisfy constraint: Member must be of type string (found number)", error.Message);
    }

    [Fact]
    public void Long_values_are_cut_to_two_hundred_characters_in_the_message()
    {
        var url = "https://example.com/" + new string('m', 300);

        var error = Assert.Throws<ModelRegistryValidationException>(() => SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(ModelPackageInput.Container(modelData: url))));

        Assert.Equal(url, error.Value);
        Assert.Contains($"value '{url[..200]}...' is not an S3 URL", error.Message);
        var exactly = url[..200];
        Assert.Contains($"value '{exactly}' is not an S3 URL", Assert.Throws<ModelRegistryValidationException>(
            () => SageMaker.Validate("CreateModelPackage", ModelPackageInput.Minimal(ModelPackageInput.Container(modelData: exactly)))).Message);
    }
}
