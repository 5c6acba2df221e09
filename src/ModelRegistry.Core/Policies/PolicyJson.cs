using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>Shared reading and writing rules for policy JSON, with errors that name the element path.</summary>
internal static class PolicyJson
{
    // Relaxed escaping keeps ARNs, '+' and non-ASCII readable; policies are JSON inside JSON, never HTML.
    private static readonly JsonSerializerOptions CompactOptions = new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions IndentedOptions = new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    internal static string Serialize(JsonNode node, bool indented)
        => node.ToJsonString(indented ? IndentedOptions : CompactOptions);

    internal static bool IsString(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    internal static string ReadString(JsonNode? node, string path)
    {
        if (!IsString(node))
        {
            throw PolicyFormatException.At(path, "must be a string.");
        }

        return node!.GetValue<string>();
    }

    internal static PolicyValueList ReadStringOrList(JsonNode? node, string path)
    {
        if (IsString(node))
        {
            var single = node!.GetValue<string>();
            RequireNonEmpty(single, path);
            return new PolicyValueList(new[] { single }, writtenAsSingleString: true);
        }

        if (node is JsonArray array)
        {
            if (array.Count == 0)
            {
                throw PolicyFormatException.At(path, "must not be an empty list.");
            }

            var values = new string[array.Count];
            for (var i = 0; i < array.Count; i++)
            {
                values[i] = ReadString(array[i], $"{path}[{i}]");
                RequireNonEmpty(values[i], $"{path}[{i}]");
            }

            return new PolicyValueList(values, writtenAsSingleString: false);
        }

        throw PolicyFormatException.At(path, "must be a string or a list of strings.");
    }

    /// <summary>Condition values may be strings, numbers or booleans; IAM compares them as text.</summary>
    internal static IReadOnlyList<string> ReadConditionValues(JsonNode? node, string path)
    {
        if (node is JsonArray array)
        {
            var values = new List<string>(array.Count);
            for (var i = 0; i < array.Count; i++)
            {
                values.Add(ReadConditionScalar(array[i], $"{path}[{i}]"));
            }

            return values;
        }

        return new[] { ReadConditionScalar(node, path) };
    }

    private static string ReadConditionScalar(JsonNode? node, string path)
    {
        if (node is JsonValue value)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    return value.GetValue<string>();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                case JsonValueKind.Number:
                    return value.ToJsonString();
            }
        }

        throw PolicyFormatException.At(path, "must be a string, number or boolean, or a list of them.");
    }

    private static void RequireNonEmpty(string value, string path)
    {
        if (value.Length == 0)
        {
            throw PolicyFormatException.At(path, "must not be an empty string.");
        }
    }
}
