using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>
/// A JSON object as plain data, the way PowerShell holds one (<c>[ordered]@{}</c>, ConvertFrom-Json -AsHashtable):
/// members in order, names in any case, values that are text, numbers, true/false, null, lists (object[]) and maps.
/// ConvertTo-Json writes it back as the same JSON, member access and Where-Object read it, and its text is the
/// compact JSON, so Export-Csv and string interpolation show the document, not a type name.
/// </summary>
public sealed class JsonMap : OrderedDictionary
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private JsonMap()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    public static JsonMap From(JsonObject json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        var map = new JsonMap();
        foreach (var member in json) map[member.Key] = ToData(member.Value);
        return map;
    }

    public override string ToString() => ToNode(this)!.ToJsonString(Compact);

    private static object? ToData(JsonNode? node) => node switch
    {
        null => null,
        JsonObject json => From(json),
        JsonArray array => array.Select(ToData).ToArray(),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Number(node.ToJsonString()),
        },
    };

    // Whole numbers stay whole: 3600 must not come back as 3600.0.
    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : (object)double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    // The map may have been edited in PowerShell, so its text is written from what it holds now.
    private static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null: return null;
            case string text: return JsonValue.Create(text);
            case bool flag: return JsonValue.Create(flag);
            case long or int or short or byte: return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case double or float or decimal: return JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case IDictionary map:
                var json = new JsonObject();
                foreach (DictionaryEntry entry in map) json[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = ToNode(entry.Value);
                return json;
            case IEnumerable items: return new JsonArray(items.Cast<object?>().Select(ToNode).ToArray());
            default: return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }
}
