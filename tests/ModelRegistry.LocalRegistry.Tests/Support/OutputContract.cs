using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>Checks a response against the operation's output shape as an SDK would read it: every
/// member the model marks required is present, and every member has the model's JSON type
/// (timestamps as epoch-second numbers in JSON 1.1).</summary>
public static class OutputContract
{
    private static readonly ServiceModel SageMaker = ServiceModel.Load("sagemaker");

    public static void AssertMatches(string operation, JsonObject output)
    {
        var shapeName = SageMaker.GetOperation(operation).OutputShape;
        if (shapeName is null)
        {
            Assert.Empty(output);
            return;
        }

        var problems = new List<string>();
        Check(SageMaker.GetShape(shapeName), output, operation, problems);
        Assert.True(problems.Count == 0, $"{operation} output breaks its shape:\n{string.Join("\n", problems)}\n{output.ToJsonString()}");
    }

    private static void Check(Shape shape, JsonNode value, string path, List<string> problems)
    {
        switch (shape.Type)
        {
            case "structure" when value is JsonObject structure:
                foreach (var required in shape.Required.Where(r => structure[r] is null))
                {
                    problems.Add($"{path}.{required} is required but missing");
                }

                foreach (var (name, member) in structure)
                {
                    var memberShape = shape.FindMember(name);
                    if (memberShape is null)
                    {
                        problems.Add($"{path}.{name} is not a member of {shape.Name}");
                    }
                    else if (member is not null)
                    {
                        Check(SageMaker.GetShape(memberShape.ShapeName), member, path + "." + name, problems);
                    }
                }

                break;
            case "list" when value is JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    Check(SageMaker.GetShape(shape.MemberShape!), list[i]!, $"{path}[{i}]", problems);
                }

                break;
            case "map" when value is JsonObject map:
                foreach (var (key, entry) in map)
                {
                    Check(SageMaker.GetShape(shape.ValueShape!), entry!, $"{path}[{key}]", problems);
                }

                break;
            case "string" when value.GetValueKind() == JsonValueKind.String:
                if (shape.Enum is not null && !shape.Enum.Contains((string)value!))
                {
                    problems.Add($"{path} = '{value}' is not one of {shape.Name}'s values");
                }

                break;
            case "integer" or "long" or "float" or "double" or "timestamp" when value.GetValueKind() == JsonValueKind.Number:
            case "boolean" when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                break;
            default:
                problems.Add($"{path} should be {shape.Type} but is {value.GetValueKind()}");
                break;
        }
    }
}
