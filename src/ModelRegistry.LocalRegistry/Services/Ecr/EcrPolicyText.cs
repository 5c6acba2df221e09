using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Services.Ecr;

/// <summary>Policy text as ECR hands it back: re-rendered the way its Java service prints JSON (Jackson's
/// default pretty printer), with <c>"name" : value</c>, objects indented by two spaces per level and
/// arrays on one line (<c>[ "a", "b" ]</c>, <c>[ {</c> ... <c>} ]</c>).</summary>
internal static class EcrPolicyText
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="policyText">Policy JSON that has already parsed as a policy document.</param>
    public static string Pretty(string policyText)
    {
        var text = new StringBuilder();
        Write(text, JsonNode.Parse(policyText), depth: 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 0:
                text.Append("{ }");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    text.Append(first ? "\n" : ",\n").Append(' ', 2 * (depth + 1));
                    text.Append(JsonSerializer.Serialize(name, StringOptions)).Append(" : ");
                    Write(text, value, depth + 1);
                    first = false;
                }

                text.Append('\n').Append(' ', 2 * depth).Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[ ]");
                break;
            case JsonArray array:
                text.Append("[ ");
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(text, array[i], depth);
                }

                text.Append(" ]");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                text.Append(JsonSerializer.Serialize(value.GetValue<string>(), StringOptions));
                break;
            default:
                text.Append(node?.ToJsonString() ?? "null");
                break;
        }
    }
}
