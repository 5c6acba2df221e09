using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>Hashtables, PSCustomObjects, arrays and scalars to JSON, so a script can pass the
/// boto3 input dict of the SageMaker guide as a PowerShell literal.</summary>
internal static class PSObjectJson
{
    private const int MaxDepth = 32;

    public static JsonNode? ToJson(object? value, string parameterName) => ToJson(value, parameterName, 0, "");

    private static JsonNode? ToJson(object? value, string parameterName, int depth, string path)
    {
        if (depth > MaxDepth) throw new ArgumentException($"-{parameterName} is nested too deeply (more than {MaxDepth} levels).", parameterName);
        if (value is PSObject wrapped)
        {
            if (wrapped.BaseObject is PSCustomObject) return FromProperties(wrapped, parameterName, depth, path);
            value = wrapped.BaseObject;
        }
        switch (value)
        {
            case null: return null;
            case string text: return JsonValue.Create(text);
            case char letter: return JsonValue.Create(letter.ToString());
            case bool flag: return JsonValue.Create(flag);
            case Enum named: return JsonValue.Create(named.ToString());
            case DateTime time: return JsonValue.Create(new DateTimeOffset(time.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                return JsonValue.Create(Convert.ToInt64(value,
                CultureInfo.InvariantCulture));
            case double or float or decimal: return JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case IDictionary dictionary:
                var json = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                    json[key] = ToJson(entry.Value, parameterName, depth + 1, Join(path, key));
                }
                return json;
            case IEnumerable items:
                var array = new JsonArray();
                foreach (var item in items) array.Add(ToJson(item, parameterName, depth + 1, $"{path}[{array.Count}]"));
                return array;
            default:
                // Only data goes on the wire: a .NET object's properties are not a request (and reading them can fail).
                throw new ArgumentException(
                    $"-{parameterName}: {(path.Length == 0 ? "the value" : path)} is a {value.GetType().FullName}; give a hashtable, " +
                    "an object from ConvertFrom-Json, text, a number, true/false, a time or a list.", parameterName);
        }
    }

    private static JsonObject FromProperties(PSObject value, string parameterName, int depth, string path)
    {
        var json = new JsonObject();
        foreach (var property in value.Properties)
            if (property.IsGettable) json[property.Name] = ToJson(property.Value, parameterName, depth + 1, Join(path, property.Name));
        return json;
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;
}
