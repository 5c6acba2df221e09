using System;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Client;

/// <summary>Finds the value at a dotted member path such as InferenceSpecification.Containers[0].Environment[KEY].</summary>
internal static class JsonMemberPath
{
    public static JsonNode? Find(JsonNode? root, string path)
    {
        var node = root;
        var position = 0;
        while (node is not null && position < path.Length)
        {
            if (path[position] == '.')
            {
                position++;
            }

            if (path[position] == '[')
            {
                var close = path.IndexOf(']', position);
                if (close < 0)
                {
                    return null;
                }

                var key = path.Substring(position + 1, close - position - 1);
                node = node switch
                {
                    JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count => array[index],
                    JsonObject map => map.TryGetPropertyValue(key, out var entry) ? entry : null,
                    _ => null,
                };
                position = close + 1;
                continue;
            }

            var end = path.IndexOfAny(new[] { '.', '[' }, position);
            var name = end < 0 ? path.Substring(position) : path.Substring(position, end - position);
            node = node is JsonObject structure && structure.TryGetPropertyValue(name, out var member) ? member : null;
            position = end < 0 ? path.Length : end;
        }

        return node;
    }

    /// <summary>Strings as their text, anything else as JSON; null for a missing member.</summary>
    public static string? Show(JsonNode? value) =>
        value is null ? null : value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value.ToJsonString();
}
