using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>CreateModelPackage input that the SageMaker model accepts, for tests to add or replace members of.</summary>
public static class ModelPackageInput
{
    public const string Image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/churn:1.0";
    public const string ModelDataUrl = "s3://models/churn/model.tar.gz";

    public static JsonObject For(string group, JsonObject? extra = null)
    {
        var input = new JsonObject
        {
            ["ModelPackageGroupName"] = group,
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject { ["Image"] = Image, ["ModelDataUrl"] = ModelDataUrl }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
        };
        foreach (var (name, value) in extra ?? [])
        {
            input[name] = value?.DeepClone();
        }

        return input;
    }
}
