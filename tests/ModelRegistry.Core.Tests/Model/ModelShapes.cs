using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

/// <summary>Asserts that JSON only uses member names the SageMaker model defines, at every depth.</summary>
internal static class ModelShapes
{
    public static void AssertConforms(string shapeName, JsonNode? json, string path = "")
    {
        var model = ServiceModel.Load("sagemaker");
        var shape = model.GetShape(shapeName);
        switch (shape.Type)
        {
            case "structure":
                var structure = Assert.IsType<JsonObject>(json);
                foreach (var member in structure)
                {
                    var modeled = shape.FindMember(member.Key);
                    Assert.True(modeled is not null, $"{path}{member.Key} is not a member of {shapeName}");
                    AssertConforms(modeled!.ShapeName, member.Value, $"{path}{member.Key}.");
                }

                break;
            case "list":
                foreach (var item in Assert.IsType<JsonArray>(json))
                {
                    AssertConforms(shape.MemberShape!, item, path);
                }

                break;
            case "map":
                foreach (var entry in Assert.IsType<JsonObject>(json))
                {
                    AssertConforms(shape.ValueShape!, entry.Value, path);
                }

                break;
        }
    }
}
