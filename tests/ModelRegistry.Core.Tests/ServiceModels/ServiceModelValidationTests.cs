using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.Core.Tests.ServiceModels;

public sealed class ServiceModelValidationTests
{
    private static readonly ServiceModel SageMaker = ServiceModel.Load("sagemaker");

    [Theory]
    [InlineData("sagemaker", "json", "SageMaker", "sagemaker")]
    [InlineData("ecr", "json", "AmazonEC2ContainerRegistry_V20150921", "ecr")]
    [InlineData("kms", "json", "TrentService", "kms")]
    [InlineData("s3", "rest-xml", null, "s3")]
    [InlineData("sts", "query", null, "sts")]
    public void Load_reads_the_metadata_of_each_embedded_model(string service, string protocol, string? targetPrefix, string signingName)
    {
        var model = ServiceModel.Load(service);

        Assert.Equal(protocol, model.Protocol);
        Assert.Equal(targetPrefix, model.TargetPrefix);
        Assert.Equal(signingName, model.SigningName);
        Assert.Same(model, ServiceModel.Load(service.ToUpperInvariant()));
    }

    [Fact]
    public void Load_rejects_a_service_without_a_model()
    {
        var error = Assert.Throws<ArgumentException>(() => ServiceModel.Load("dynamodb"));
        Assert.Contains("sagemaker", error.Message);
    }

    [Theory]
    [InlineData("sagemaker")]
    [InlineData("ecr")]
    [InlineData("kms")]
    [InlineData("s3")]
    [InlineData("sts")]
    public void Every_pattern_of_every_model_compiles_in_dotnet(string service) =>
        Assert.Empty(ServiceModel.Load(service).UnenforcedPatterns.Select(p => p.Source + ": " + p.CompileError));

    [Fact]
    public void HasOperation_knows_the_model_operations()
    {
        Assert.True(SageMaker.HasOperation("CreateModelPackage"));
        Assert.False(SageMaker.HasOperation("CreateTrainingJob"));
        Assert.False(SageMaker.HasOperation("createmodelpackage"));
    }

    [Fact]
    public void A_valid_input_has_no_violations() =>
        Assert.Empty(SageMaker.ValidateInput("CreateModelPackage", ModelPackageInput.Complete()));

    [Fact]
    public void Unknown_members_are_ignored()
    {
        var input = ModelPackageInput.Complete();
        input["NotAMember"] = new JsonArray(1, 2, 3);
        Assert.Empty(SageMaker.ValidateInput("CreateModelPackage", input));
    }

    [Fact]
    public void A_missing_required_member_is_reported_as_AWS_does()
    {
        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackageGroup", new JsonObject()));

        Assert.Equal("ModelPackageGroupName", violation.MemberPath);
        Assert.Equal(ShapeRules.Required, violation.Rule);
        Assert.Equal("Value null at 'modelPackageGroupName' failed to satisfy constraint: Member must not be null", violation.Message);
    }

    [Fact]
    public void A_null_input_counts_as_an_empty_structure() =>
        Assert.Equal("ModelPackageArnList", Assert.Single(SageMaker.ValidateInput("BatchDescribeModelPackage", null)).MemberPath);

    [Fact]
    public void A_pattern_violation_deep_in_a_list_names_the_member_both_ways()
    {
        var input = ModelPackageInput.Complete();
        input["InferenceSpecification"]!["Containers"]!.AsArray().Add(new JsonObject { ["Image"] = "has a space" });

        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", input));

        Assert.Equal("InferenceSpecification.Containers[1].Image", violation.MemberPath);
        Assert.Equal(ShapeRules.Pattern, violation.Rule);
        Assert.Equal(
            "Value 'has a space' at 'inferenceSpecification.containers.2.member.image' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
            violation.Message);
    }

    [Fact]
    public void Lengths_are_checked_at_both_ends()
    {
        var tooLong = SageMaker.ValidateInput("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = new string('a', 64) });
        var tooShort = SageMaker.ValidateInput("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "" });

        var max = Assert.Single(tooLong, v => v.Rule == ShapeRules.Max);
        Assert.EndsWith("Member must have length less than or equal to 63", max.Message);
        Assert.Contains(tooShort, v => v.Rule == ShapeRules.Min && v.Message.EndsWith("Member must have length greater than or equal to 1"));
    }

    [Theory]
    [InlineData("churn model")]
    [InlineData("churn-")]
    [InlineData("-churn")]
    [InlineData("churn\n")]
    [InlineData("churn_model")]
    public void Patterns_must_match_the_whole_value(string name)
    {
        var violations = SageMaker.ValidateInput("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        Assert.Contains(violations, v => v.Rule == ShapeRules.Pattern && v.MemberPath == "ModelPackageGroupName");
    }

    [Fact]
    public void Enum_values_are_checked_and_listed()
    {
        var input = ModelPackageInput.Complete();
        input["ModelApprovalStatus"] = "Maybe";

        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", input));

        Assert.Equal(ShapeRules.Enum, violation.Rule);
        Assert.Equal("Value 'Maybe' at 'modelApprovalStatus' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected, PendingManualApproval]", violation.Message);
    }

    [Theory]
    [InlineData(0, ShapeRules.Min, "Member must have value greater than or equal to 1")]
    [InlineData(101, ShapeRules.Max, "Member must have value less than or equal to 100")]
    public void Numbers_are_checked_against_their_range(int maxResults, string rule, string constraint)
    {
        var violation = Assert.Single(SageMaker.ValidateInput("ListModelPackages", new JsonObject { ["MaxResults"] = maxResults }));

        Assert.Equal(rule, violation.Rule);
        Assert.Equal($"Value '{maxResults}' at 'maxResults' failed to satisfy constraint: {constraint}", violation.Message);
    }

    [Theory]
    [InlineData("{\"MaxResults\":\"10\"}", "MaxResults")]
    [InlineData("{\"MaxResults\":1.5}", "MaxResults")]
    [InlineData("{\"MaxResults\":1e30}", "MaxResults")]
    [InlineData("{\"CreationTimeAfter\":\"2026-01-01T00:00:00Z\"}", "CreationTimeAfter")]
    [InlineData("{\"SortBy\":5}", "SortBy")]
    [InlineData("{\"ModelPackageGroupName\":[\"a\"]}", "ModelPackageGroupName")]
    public void Wrong_json_types_are_type_violations(string json, string member)
    {
        var violation = Assert.Single(SageMaker.ValidateInput("ListModelPackages", JsonNode.Parse(json)));

        Assert.Equal(ShapeRules.Type, violation.Rule);
        Assert.Equal(member, violation.MemberPath);
    }

    [Fact]
    public void A_non_object_input_is_a_type_violation()
    {
        var violation = Assert.Single(SageMaker.ValidateInput("ListModelPackages", new JsonArray()));

        Assert.Equal((ShapeRules.Type, "Start of structure or map found where not expected."), (violation.Rule, violation.Message));
    }

    [Fact]
    public void List_and_map_sizes_and_map_entries_are_checked()
    {
        var input = ModelPackageInput.Complete();
        input["Tags"] = new JsonArray(Enumerable.Range(0, 51).Select(i => (JsonNode?)new JsonObject { ["Key"] = "k" + i, ["Value"] = "v" }).ToArray());
        input["CustomerMetadataProperties"] = new JsonObject { ["team"] = "" };

        var violations = SageMaker.ValidateInput("CreateModelPackage", input);

        Assert.Contains(violations, v => v.MemberPath == "Tags" && v.Rule == ShapeRules.Max && v.Message.EndsWith("Member must have length less than or equal to 50"));
        Assert.Contains(violations, v => v.MemberPath == "CustomerMetadataProperties[team]" && v.Rule == ShapeRules.Min);
        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void Required_members_of_list_elements_are_checked()
    {
        var violation = Assert.Single(SageMaker.ValidateInput("AddTags", new JsonObject
        {
            ["ResourceArn"] = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn",
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "stage" }),
        }));

        Assert.Equal("Tags[0].Value", violation.MemberPath);
        Assert.Equal("Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null", violation.Message);
    }

    [Fact]
    public void Summarize_counts_the_violations_like_a_ValidationException()
    {
        var violations = SageMaker.ValidateInput("ListModelPackages", new JsonObject { ["MaxResults"] = 0, ["SortOrder"] = "Sideways" });

        Assert.StartsWith("2 validation errors detected: Value '0' at 'maxResults'", ShapeViolation.Summarize(violations.ToList()));
        Assert.StartsWith("1 validation error detected: ", ShapeViolation.Summarize([violations[0]]));
    }

    [Fact]
    public void Hostile_values_are_abbreviated_in_messages()
    {
        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackageGroup",
            new JsonObject { ["ModelPackageGroupName"] = "a", ["ModelPackageGroupDescription"] = new string('x', 100_000) }));

        Assert.Equal(ShapeRules.Max, violation.Rule);
        Assert.True(violation.Message.Length < 2_000, violation.Message.Length.ToString());
    }

    [Fact]
    public void Java_class_escapes_keep_their_ASCII_meaning()
    {
        Assert.True(ShapePattern.Get(@"\d{3}").IsMatch("123"));
        Assert.False(ShapePattern.Get(@"\d{3}").IsMatch("١٢٣"));
        Assert.False(ShapePattern.Get(@"[\w+=,.@-]*").IsMatch("é"));
        Assert.True(ShapePattern.Get(@"[\w+=,.@-]*").IsMatch("role_name+=,.@-"));
        Assert.True(ShapePattern.Get(@"[\S]+").IsMatch("no\u00A0break"));
        Assert.False(ShapePattern.Get(@"[\S]+").IsMatch("a b"));
        Assert.True(ShapePattern.Get(@"x\S{2}").IsMatch("x\u2003y"));
        Assert.False(ShapePattern.Get(@"[\S]+").IsMatch("tab\there"));
    }

    [Fact]
    public void Astral_code_point_ranges_accept_surrogate_pairs()
    {
        var pattern = ShapePattern.Get(@"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+");

        Assert.True(pattern.IsEnforced);
        Assert.True(pattern.IsMatch("policy 😀"));
        Assert.False(pattern.IsMatch("bell\u0007"));
    }

    [Fact]
    public void A_pattern_dotnet_cannot_compile_is_reported_and_not_enforced()
    {
        var pattern = ShapePattern.Get(@"[\p{IsNotAUnicodeBlock}]+");

        Assert.False(pattern.IsEnforced);
        Assert.NotNull(pattern.CompileError);
        Assert.True(pattern.IsMatch("anything"));
    }

    [Fact]
    public void Patterns_are_compiled_once()
    {
        Assert.Same(ShapePattern.Get("[a-z]+"), ShapePattern.Get("[a-z]+"));
    }

    [Fact]
    public void Sensitive_values_are_not_echoed()
    {
        var input = ModelPackageInput.Complete();
        var content = new string('s', 100_001);
        input["ModelCard"] = new JsonObject { ["ModelCardContent"] = content };

        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", input));

        Assert.Equal("ModelCard.ModelCardContent", violation.MemberPath);
        Assert.DoesNotContain("sss", violation.Message);
        Assert.StartsWith("Value at 'modelCard.modelCardContent' failed to satisfy constraint", violation.Message);
    }
}
