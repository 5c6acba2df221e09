using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.Core.Tests.ServiceModels;

public sealed class InputCoercionTests
{
    private static readonly ServiceModel SageMaker = ServiceModel.Load("sagemaker");

    private static JsonObject Coerce(string json) => InputCoercion.Coerce(SageMaker, "CreateModelPackage", JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void A_single_value_where_a_list_belongs_becomes_a_one_element_list()
    {
        var coerced = Coerce("""{"ModelPackageGroupName":"g","InferenceSpecification":{"Containers":{"Image":"i"},"SupportedContentTypes":"text/csv"}}""");

        Assert.Equal("""["text/csv"]""", coerced["InferenceSpecification"]!["SupportedContentTypes"]!.ToJsonString());
        Assert.Equal("i", (string?)coerced["InferenceSpecification"]!["Containers"]![0]!["Image"]);
    }

    [Fact]
    public void Enum_values_take_the_api_spelling()
    {
        var coerced = Coerce("""{"ModelPackageGroupName":"g","ModelApprovalStatus":"approved"}""");

        Assert.Equal("Approved", (string?)coerced["ModelApprovalStatus"]);
    }

    [Theory]
    [InlineData("""{"ModelPackageDescripton":"typo"}""", "ModelPackageDescripton", "ModelPackageDescription")]
    [InlineData("""{"ApprovalStatus":"Approved"}""", "ApprovalStatus", "ModelApprovalStatus")]
    [InlineData("""{"modelpackagedescription":"x"}""", "modelpackagedescription", "ModelPackageDescription")]
    [InlineData("""{"InferenceSpecification":{"Containers":[{"Image":"i","ModelDataURL":"s3://b/m"}]}}""", "InferenceSpecification.Containers[0].ModelDataURL", "ModelDataUrl")]
    public void A_member_the_api_does_not_have_is_refused_with_the_likely_name(string members, string path, string suggestion)
    {
        var input = JsonNode.Parse(members)!.AsObject();
        input["ModelPackageGroupName"] = "g";

        var error = Assert.Throws<ModelRegistryValidationException>(() => InputCoercion.Coerce(SageMaker, "CreateModelPackage", input));

        Assert.Equal((path, "unknown"), (error.MemberPath, error.Rule));
        Assert.Contains($"did you mean '{suggestion}'?", error.Message);
    }

    [Theory]
    [InlineData("""{"ModelApprovalStatus":["Approved"]}""", "ModelApprovalStatus", "type")]
    [InlineData("""{"ModelPackageDescription":5}""", "ModelPackageDescription", "type")]
    [InlineData("""{"CustomerMetadataProperties":"x"}""", "CustomerMetadataProperties", "type")]
    [InlineData("""{"CustomerMetadataProperties":{"k":{"nested":1}}}""", "CustomerMetadataProperties.k", "type")]
    [InlineData("""{"Tags":{"Key":"a"}}""", "Tags[0].Value", "required")]
    [InlineData("""{"CertifyForMarketplace":"yes"}""", "CertifyForMarketplace", "type")]
    [InlineData("""{"ModelPackageDescription":"\ud800"}""", "ModelPackageDescription", "utf16")]
    public void A_member_of_the_wrong_type_is_refused_with_its_path(string members, string path, string rule)
    {
        var input = JsonNode.Parse(members)!.AsObject();
        input["ModelPackageGroupName"] = "g";

        var error = Assert.Throws<ModelRegistryValidationException>(() => InputCoercion.Coerce(SageMaker, "CreateModelPackage", input));

        Assert.Equal((path, rule), (error.MemberPath, error.Rule));
        Assert.StartsWith(path + ":", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_anywhere_in_a_request_is_refused()
    {
        var input = new JsonObject { ["ModelPackageGroupName"] = "g", ["CustomerMetadataProperties"] = new JsonObject { ["k"] = "bad \ud800 text" } };

        var error = Assert.Throws<ModelRegistryValidationException>(() => InputCoercion.RequireWellFormedStrings(input, "CreateModelPackage"));

        Assert.Equal("CustomerMetadataProperties.k", error.MemberPath);
        InputCoercion.RequireWellFormedStrings(new JsonObject { ["ok"] = "emoji \ud83d\ude00 fine" }, "CreateModelPackage");
    }

    [Fact]
    public void A_model_version_request_from_json_keeps_every_member()
    {
        var request = ModelVersionRequest.FromJson("""{"ModelPackageGroupName":"g","InferenceSpecification":{"Containers":[{"Image":"i","ModelInput":{"DataInputConfig":"{}"}}],"SupportedContentTypes":"text/csv"}}""");

        var json = request.ToJson();
        Assert.Equal("{}", (string?)json["InferenceSpecification"]!["Containers"]![0]!["ModelInput"]!["DataInputConfig"]);
        Assert.Equal(new[] { "text/csv" }, request.InferenceSpecification!.SupportedContentTypes);
    }

    [Fact]
    public void A_json_member_named_twice_is_refused_in_plain_words()
    {
        var error = Assert.Throws<FormatException>(() => ModelVersionRequest.FromJson("""{"a":{"b":1,"b":2}}"""));

        Assert.Equal("The model version request names the member 'a.b' twice; JSON members must be unique.", error.Message);
    }
}

public sealed class JsonDocumentSplitTests
{
    [Theory]
    [InlineData("{\"a\":1}", 1)]
    [InlineData("{\n  \"a\": \"}{\"\n}\n\n{\n  \"b\": [1, {\"c\": 2}]\n}\n", 2)]
    [InlineData("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n", 3)]
    [InlineData("{\"a\": \"quote \\\" and brace }\"}", 1)]
    public void Splits_documents_written_one_after_another(string text, int count)
    {
        var documents = ModelRegistry.Core.Model.ModelVersionRequest.SplitDocuments(text);

        Assert.Equal(count, documents.Count);
        Assert.All(documents, document => System.Text.Json.Nodes.JsonNode.Parse(document));
    }

    [Fact]
    public void Text_that_is_not_json_stays_one_piece_for_the_parser_to_refuse()
    {
        Assert.Equal(new[] { "not json" }, ModelRegistry.Core.Model.ModelVersionRequest.SplitDocuments("  not json  "));
    }
}
