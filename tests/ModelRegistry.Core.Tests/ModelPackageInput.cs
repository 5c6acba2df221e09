using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Tests;

/// <summary>CreateModelPackage input that the SageMaker model and the client's rules accept, for tests
/// to break one member of.</summary>
internal static class ModelPackageInput
{
    public static JsonObject Container(string image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1.7-1", string modelData = "s3://models/fraud/model.tar.gz") =>
        new() { ["Image"] = image, ["ModelDataUrl"] = modelData };

    /// <summary>The required members only: a group and an inference specification with <paramref name="container"/>.</summary>
    public static JsonObject Minimal(JsonObject? container = null) => new()
    {
        ["ModelPackageGroupName"] = "fraud",
        ["InferenceSpecification"] = new JsonObject
        {
            ["Containers"] = new JsonArray(container ?? Container()),
            ["SupportedContentTypes"] = new JsonArray("text/csv"),
            ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
        },
    };

    /// <summary>With the optional members a registration usually has: description, approval, metadata, tags, token.</summary>
    public static JsonObject Complete()
    {
        var input = Minimal();
        input["ModelPackageDescription"] = "XGBoost fraud model, trained 2026-11-01";
        input["ModelApprovalStatus"] = "PendingManualApproval";
        input["CustomerMetadataProperties"] = new JsonObject { ["team"] = "growth" };
        input["Tags"] = new JsonArray(new JsonObject { ["Key"] = "stage", ["Value"] = "dev" });
        input["ClientToken"] = "3f1c2b5e-6d7a-4e8f-9a0b-1c2d3e4f5a6b";
        return input;
    }
}
