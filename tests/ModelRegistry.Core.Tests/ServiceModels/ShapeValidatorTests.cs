using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.Core.Tests.ServiceModels;

/// <summary>Each kind of shape and constraint of the SageMaker model, with the exact AWS-style message,
/// so a check that stops running or a message that loses its parts is seen.</summary>
public sealed class ShapeValidatorTests
{
    private static readonly ServiceModel SageMaker = ServiceModel.Load("sagemaker");

    [Theory]
    [InlineData(1, null)]
    [InlineData(100, null)]
    [InlineData(0, "min:Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    [InlineData(101, "max:Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100")]
    public void Integers_are_checked_against_both_ends_of_their_range(int maxResults, string? expected) =>
        AssertViolation("ListModelPackages", new JsonObject { ["MaxResults"] = maxResults }, "MaxResults", expected);

    [Theory]
    [InlineData("1.5")]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("1e300")]
    [InlineData("\"5\"")]
    [InlineData("true")]
    public void Integers_must_be_whole_numbers_within_int(string json)
    {
        var input = JsonNode.Parse($$"""{"MaxResults":{{json}}}""")!;

        var violation = Assert.Single(SageMaker.ValidateInput("ListModelPackages", input));

        Assert.Equal(("MaxResults", "type"), (violation.MemberPath, violation.Rule));
        Assert.StartsWith("Value at 'maxResults' failed to satisfy constraint: Member must be of type integer (found ", violation.Message);
    }

    [Fact]
    public void The_largest_and_smallest_int_are_integers()
    {
        var violations = SageMaker.ValidateInput("ListModelPackages", JsonNode.Parse("""{"MaxResults":2147483647}"""));
        var negative = SageMaker.ValidateInput("ListModelPackages", JsonNode.Parse("""{"MaxResults":-2147483648}"""));

        Assert.Equal("max", Assert.Single(violations).Rule);
        Assert.Equal("min", Assert.Single(negative).Rule);
    }

    [Theory]
    [InlineData("CreationTimeAfter", "\"yesterday\"", "timestamp", "string")]
    [InlineData("CreationTimeAfter", "true", "timestamp", "true")]
    [InlineData("SortBy", "5", "string", "number")]
    public void Scalars_of_the_wrong_json_type_name_both_types(string member, string json, string expected, string found)
    {
        var violation = Assert.Single(SageMaker.ValidateInput("ListModelPackages", JsonNode.Parse($$"""{"{{member}}":{{json}}}""")));

        var aws = char.ToLowerInvariant(member[0]) + member[1..];
        Assert.Equal($"Value at '{aws}' failed to satisfy constraint: Member must be of type {expected} (found {found})", violation.Message);
    }

    [Fact]
    public void A_timestamp_given_as_epoch_seconds_is_valid() =>
        Assert.Empty(SageMaker.ValidateInput("ListModelPackages", JsonNode.Parse("""{"CreationTimeAfter":1767225600}""")));

    [Theory]
    [InlineData("InferenceSpecification", "\"x\"", "structure", "string")]
    [InlineData("Tags", "{}", "list", "object")]
    [InlineData("CustomerMetadataProperties", "[]", "map", "array")]
    [InlineData("CertifyForMarketplace", "\"yes\"", "boolean", "string")]
    public void Members_of_the_wrong_json_type_are_type_violations(string member, string json, string expected, string found)
    {
        var input = Group();
        input[member] = JsonNode.Parse(json);

        var violation = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", input));

        var aws = char.ToLowerInvariant(member[0]) + member[1..];
        Assert.Equal((member, "type"), (violation.MemberPath, violation.Rule));
        Assert.Equal($"Value at '{aws}' failed to satisfy constraint: Member must be of type {expected} (found {found})", violation.Message);
    }

    [Fact]
    public void Booleans_are_valid_either_way()
    {
        foreach (var value in new[] { true, false })
        {
            var input = Group();
            input["CertifyForMarketplace"] = value;
            Assert.Empty(SageMaker.ValidateInput("CreateModelPackage", input));
        }
    }

    [Fact]
    public void A_missing_required_member_has_the_aws_message() =>
        Assert.Equal(
            "Value null at 'modelPackageGroupName' failed to satisfy constraint: Member must not be null",
            Assert.Single(SageMaker.ValidateInput("DescribeModelPackageGroup", new JsonObject())).Message);

    [Fact]
    public void Map_values_and_keys_are_checked_and_named_by_their_key()
    {
        var input = Group();
        input["CustomerMetadataProperties"] = new JsonObject { ["team"] = "", ["stage"] = 5, ["owner"] = null, [new string('k', 129)] = "ok" };

        var violations = SageMaker.ValidateInput("CreateModelPackage", input).ToDictionary(v => v.MemberPath);

        Assert.Equal("Value '' at 'customerMetadataProperties.team' failed to satisfy constraint: Member must have length greater than or equal to 1",
            violations["CustomerMetadataProperties[team]"].Message);
        Assert.Equal(("type", "Value at 'customerMetadataProperties.stage' failed to satisfy constraint: Member must be of type string (found number)"),
            (violations["CustomerMetadataProperties[stage]"].Rule, violations["CustomerMetadataProperties[stage]"].Message));
        Assert.Equal(("required", "Value null at 'customerMetadataProperties.owner' failed to satisfy constraint: Member must not be null"),
            (violations["CustomerMetadataProperties[owner]"].Rule, violations["CustomerMetadataProperties[owner]"].Message));
        Assert.Equal("max", violations[$"CustomerMetadataProperties[{new string('k', 129)}]"].Rule);
        Assert.Equal(4, violations.Count);
    }

    [Fact]
    public void Map_sizes_are_checked_at_both_ends()
    {
        var empty = Group();
        empty["CustomerMetadataProperties"] = new JsonObject();
        var many = Group();
        many["CustomerMetadataProperties"] = new JsonObject(Enumerable.Range(0, 51).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)"v")));

        var tooFew = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", empty));
        var tooMany = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", many));

        Assert.Equal("Value '{}' at 'customerMetadataProperties' failed to satisfy constraint: Member must have length greater than or equal to 1", tooFew.Message);
        Assert.Equal(("CustomerMetadataProperties", "max"), (tooMany.MemberPath, tooMany.Rule));
        Assert.EndsWith("failed to satisfy constraint: Member must have length less than or equal to 50", tooMany.Message);
    }

    [Fact]
    public void List_elements_are_named_one_based_the_aws_way_and_null_elements_are_required()
    {
        var input = Group();
        input["Tags"] = new JsonArray(new JsonObject { ["Key"] = "ok", ["Value"] = "v" }, new JsonObject { ["Key"] = "", ["Value"] = "v" }, null);

        var violations = SageMaker.ValidateInput("CreateModelPackage", input).ToDictionary(v => v.MemberPath);

        Assert.Equal("Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1", violations["Tags[1].Key"].Message);
        Assert.Equal(("required", "Value null at 'tags.3.member' failed to satisfy constraint: Member must not be null"), (violations["Tags[2]"].Rule, violations["Tags[2]"].Message));
        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void String_lengths_are_checked_at_both_ends_with_the_value_quoted()
    {
        var empty = SageMaker.ValidateInput("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "" })[0];
        var shortest = SageMaker.ValidateInput("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "a" });

        Assert.Equal(("min", "Value '' at 'modelPackageGroupName' failed to satisfy constraint: Member must have length greater than or equal to 1"), (empty.Rule, empty.Message));
        Assert.Empty(shortest);
    }

    [Fact]
    public void A_pattern_violation_names_the_pattern() =>
        Assert.Equal(
            "Value 'bad_name' at 'modelPackageGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
            @"(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)",
            Assert.Single(SageMaker.ValidateInput("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "bad_name" })).Message);

    [Fact]
    public void Echoed_values_are_cut_after_1024_characters()
    {
        var exactly = Group();
        exactly["ModelPackageDescription"] = new string('d', 1023) + "\u0001";
        var longer = Group();
        longer["ModelPackageDescription"] = new string('d', 1025);

        var whole = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", exactly));
        var cut = Assert.Single(SageMaker.ValidateInput("CreateModelPackage", longer));

        Assert.StartsWith($"Value '{new string('d', 1023)}\u0001' at 'modelPackageDescription'", whole.Message);
        Assert.StartsWith($"Value '{new string('d', 1024)}...' at 'modelPackageDescription' failed to satisfy constraint: Member must have length less than or equal to 1024", cut.Message);
    }

    [Fact]
    public void List_sizes_quote_the_list()
    {
        var input = Group();
        input["InferenceSpecification"] = new JsonObject
        {
            ["Containers"] = new JsonArray(),
            ["SupportedContentTypes"] = new JsonArray("text/csv"),
            ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
        };

        Assert.Equal(
            "Value '[]' at 'inferenceSpecification.containers' failed to satisfy constraint: Member must have length greater than or equal to 1",
            Assert.Single(SageMaker.ValidateInput("CreateModelPackage", input)).Message);
    }

    private static JsonObject Group() => new() { ["ModelPackageGroupName"] = "fraud" };

    private static void AssertViolation(string operation, JsonObject input, string memberPath, string? expected)
    {
        var violations = SageMaker.ValidateInput(operation, input);
        if (expected is null)
        {
            Assert.Empty(violations);
            return;
        }

        var violation = Assert.Single(violations);
        Assert.Equal((memberPath, expected), (violation.MemberPath, violation.Rule + ":" + violation.Message));
    }
}
