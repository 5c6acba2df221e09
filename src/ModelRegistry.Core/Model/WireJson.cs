using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>Reading and writing AWS JSON 1.1 members (strings, lists, maps, epoch-second timestamps).</summary>
internal static class WireJson
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string? String(JsonObject json, string member) =>
        json.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? Int(JsonObject json, string member) =>
        json.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public static bool? Bool(JsonObject json, string member) =>
        json.TryGetPropertyValue(member, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;

    public static JsonObject? Object(JsonObject json, string member) =>
        json.TryGetPropertyValue(member, out var node) ? node as JsonObject : null;

    public static List<string>? StringList(JsonObject json, string member) =>
        json.TryGetPropertyValue(member, out var node) && node is JsonArray array
            ? array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var text) ? text : item?.ToJsonString() ?? string.Empty).ToList()
            : null;

    public static StringMap? StringMap(JsonObject json, string member)
    {
        if (Object(json, member) is not { } map)
        {
            return null;
        }

        var result = new StringMap();
        foreach (var entry in map)
        {
            result[entry.Key] = entry.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : entry.Value?.ToJsonString() ?? string.Empty;
        }

        return result;
    }

    /// <summary>JSON 1.1 timestamps are epoch seconds, possibly fractional; ISO 8601 strings are accepted too.</summary>
    public static DateTime? Timestamp(JsonObject json, string member)
    {
        if (!json.TryGetPropertyValue(member, out var node) || node is not JsonValue value)
        {
            return null;
        }

        // decimal, not double: epoch seconds times ticks-per-second exceeds double's exact integer range.
        if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var seconds))
        {
            return Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        return value.TryGetValue<string>(out var text) && DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;
    }

    public static JsonNode EpochSeconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
        var ticks = (utc - Epoch).Ticks;
        return ticks % TimeSpan.TicksPerSecond == 0
            ? JsonValue.Create(ticks / TimeSpan.TicksPerSecond)
            : JsonValue.Create(Math.Round((decimal)ticks / TimeSpan.TicksPerSecond, 3));
    }

    public static void Set(JsonObject json, string member, string? value)
    {
        if (value is not null)
        {
            json[member] = value;
        }
    }

    public static void Set(JsonObject json, string member, int? value)
    {
        if (value is not null)
        {
            json[member] = value.Value;
        }
    }

    public static void Set(JsonObject json, string member, bool? value)
    {
        if (value is not null)
        {
            json[member] = value.Value;
        }
    }

    public static void Set(JsonObject json, string member, DateTime? value)
    {
        if (value is not null)
        {
            json[member] = EpochSeconds(value.Value);
        }
    }

    public static void Set(JsonObject json, string member, IEnumerable<string>? values)
    {
        if (values is not null)
        {
            json[member] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
    }

    public static void Set(JsonObject json, string member, IEnumerable<KeyValuePair<string, string>>? map)
    {
        if (map is not null)
        {
            var target = new JsonObject();
            foreach (var entry in map)
            {
                target[entry.Key] = entry.Value;
            }

            json[member] = target;
        }
    }

    public static void Set(JsonObject json, string member, WireShape? shape)
    {
        if (shape is not null)
        {
            json[member] = shape.ToJson();
        }
    }

    /// <exception cref="FormatException">Not one JSON object, or a member named twice.</exception>
    public static JsonObject ParseObject(string json, string what)
    {
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (FirstDuplicate(document.RootElement, string.Empty) is { } duplicate)
                {
                    throw new FormatException($"{what} names the member '{duplicate}' twice; JSON members must be unique.");
                }
            }

            return JsonNode.Parse(json) as JsonObject ?? throw new FormatException($"{what} must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The path of the first member named twice in one object, or null.</summary>
    private static string? FirstDuplicate(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in element.EnumerateObject())
            {
                var memberPath = path.Length == 0 ? member.Name : path + "." + member.Name;
                if (!seen.Add(member.Name)) return memberPath;
                if (FirstDuplicate(member.Value, memberPath) is { } nested) return nested;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstDuplicate(item, $"{path}[{index++}]") is { } nested) return nested;
            }
        }

        return null;
    }
}
