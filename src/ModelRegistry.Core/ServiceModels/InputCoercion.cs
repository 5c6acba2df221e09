using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>
/// Brings an operation input written by hand (a boto3 dict as JSON, a hashtable) to the types the
/// service model asks for, or refuses it: a scalar where a list is expected becomes a one-element
/// list, an enum value in any case takes the API's spelling, and anything else of the wrong type
/// (or a string with a lone UTF-16 surrogate) is an error naming the member. Nothing is dropped:
/// members the model does not know are kept as they are.
/// </summary>
public static class InputCoercion
{
    public const string Utf16Rule = "utf16";
    public const string UnknownRule = "unknown";

    /// <returns>A coerced copy of <paramref name="input"/>.</returns>
    /// <exception cref="ModelRegistryValidationException">A member of the wrong type.</exception>
    public static JsonObject Coerce(ServiceModel model, string operation, JsonObject input)
    {
        var inputShape = model.GetOperation(operation).InputShape
            ?? throw new ArgumentException($"{operation} takes no input.", nameof(operation));
        return (JsonObject)Coerce(model, operation, model.GetShape(inputShape), input.DeepClone(), string.Empty)!;
    }

    /// <summary>The API's spelling of <paramref name="value"/> among <paramref name="allowed"/> (any case), or the value as given.</summary>
    public static string Spelling(string value, System.Collections.Generic.IEnumerable<string> allowed) =>
        allowed.FirstOrDefault(candidate => string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase)) ?? value;

    /// <summary>Throws when <paramref name="text"/> holds a lone surrogate (not UTF-16, so not sendable as UTF-8).</summary>
    public static void RequireWellFormed(string text, string operation, string path)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new ModelRegistryValidationException(operation, path, null, Utf16Rule,
                    $"{Name(path)}: the text holds a lone UTF-16 surrogate (U+{(int)text[i]:X4} at position {i}), which cannot be sent.");
            }
        }
    }

    /// <summary>Refuses a lone surrogate in any string or member name of <paramref name="input"/>, wherever it came from.</summary>
    public static void RequireWellFormedStrings(JsonNode? input, string operation, string path = "")
    {
        switch (input)
        {
            case JsonObject members:
                foreach (var member in members)
                {
                    RequireWellFormed(member.Key, operation, Join(path, member.Key));
                    RequireWellFormedStrings(member.Value, operation, Join(path, member.Key));
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++) RequireWellFormedStrings(items[i], operation, $"{path}[{i}]");
                break;
            case JsonValue scalar when StringOf(scalar, operation, path) is { } text:
                RequireWellFormed(text, operation, path);
                break;
        }
    }

    private static JsonNode? Coerce(ServiceModel model, string operation, Shape shape, JsonNode? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        switch (shape.Type)
        {
            case "structure":
                var structure = value as JsonObject ?? throw WrongType(operation, path, value, "an object with named members");
                var missing = shape.Required.FirstOrDefault(required => structure[required] is null);
                if (missing != null)
                {
                    throw new ModelRegistryValidationException(operation, Join(path, missing), null, ShapeRules.Required,
                        $"{Join(path, missing)}: a value is required.");
                }

                foreach (var member in shape.Members)
                {
                    if (structure.TryGetPropertyValue(member.Name, out var memberValue))
                    {
                        structure[member.Name] = Coerce(model, operation, model.GetShape(member.ShapeName), Detach(structure, member.Name, memberValue),
                            Join(path, member.Name));
                    }
                }

                // As botocore does: a member the API does not have is a mistake (a typo, a property name of
                // this module's objects), never something to send and have silently ignored.
                foreach (var unknown in structure.Where(m => shape.FindMember(m.Key) is null).ToList())
                {
                    RequireWellFormed(unknown.Key, operation, Join(path, unknown.Key));
                    var suggestion = Closest(unknown.Key, shape.Members.Select(m => m.Name));
                    throw new ModelRegistryValidationException(operation, Join(path, unknown.Key), null, UnknownRule,
                        $"{Join(path, unknown.Key)}: {(path.Length == 0 ? "the request" : path)} has no member '{unknown.Key}'" +
                        (suggestion == null ? "" : $"; did you mean '{suggestion}'?") +
                        $" Its members are {string.Join(", ", shape.Members.Select(m => m.Name))}.");
                }

                return structure;
            case "list":
                // Setting a member detached the value from its parent, so it can move into a new list.
                var list = value as JsonArray ?? new JsonArray(value);
                var itemShape = model.GetShape(shape.MemberShape!);
                for (var i = 0; i < list.Count; i++)
                {
                    list[i] = Coerce(model, operation, itemShape, Detach(list, i), $"{path}[{i}]");
                }

                return list;
            case "map":
                var map = value as JsonObject ?? throw WrongType(operation, path, value, "an object of keys and values");
                var valueShape = model.GetShape(shape.ValueShape!);
                foreach (var key in map.Select(entry => entry.Key).ToList())
                {
                    RequireWellFormed(key, operation, $"{path}.{key}");
                    map[key] = Coerce(model, operation, valueShape, Detach(map, key, map[key]), $"{path}.{key}");
                }

                return map;
            case "string":
                var text = StringOf(value, operation, path) ?? throw WrongType(operation, path, value,
                    shape.Enum is null ? "a string" : "one of " + string.Join(", ", shape.Enum));
                RequireWellFormed(text, operation, path);
                return shape.Enum is null ? value : JsonValue.Create(Spelling(text, shape.Enum));
            case "integer":
            case "long":
                return IsNumber(value, out var number) && number == Math.Floor(number) ? value : throw WrongType(operation, path, value, "a whole number");
            case "float":
            case "double":
                return IsNumber(value, out _) ? value : throw WrongType(operation, path, value, "a number");
            case "boolean":
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value : throw WrongType(operation, path, value, "true or false");
            case "timestamp":
                return IsNumber(value, out _) || StringOf(value, operation, path) is not null ? value : throw WrongType(operation, path, value,
                    "a time (epoch seconds or ISO 8601 text)");
            default:
                return StringOf(value, operation, path) is not null ? value : throw WrongType(operation, path, value, "base64 text");
        }
    }

    /// <summary>The text of a JSON string (null for other kinds); JSON text with a lone \uD800 escape cannot be read as a string.</summary>
    private static string? StringOf(JsonNode value, string operation, string path)
    {
        if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String) return null;
        try
        {
            return scalar.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            throw new ModelRegistryValidationException(operation, path, null, Utf16Rule,
                $"{Name(path)}: the text holds a lone UTF-16 surrogate, which cannot be sent.");
        }
    }

    private static bool IsNumber(JsonNode value, out decimal number)
    {
        number = 0;
        return value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.Number && scalar.TryGetValue(out number);
    }

    // A node has one parent: take it out of its container before putting it elsewhere.
    private static JsonNode? Detach(JsonObject parent, string name, JsonNode? node)
    {
        parent[name] = null;
        return node;
    }

    private static JsonNode? Detach(JsonArray parent, int index)
    {
        var node = parent[index];
        parent[index] = null;
        return node;
    }

    private static ModelRegistryValidationException WrongType(string operation, string path, JsonNode value, string expected)
    {
        var shown = value.ToJsonString();
        return new ModelRegistryValidationException(operation, path, shown, ShapeRules.Type,
            $"{Name(path)}: expected {expected}, got {Describe(value)} {(shown.Length > 80 ? shown.Substring(0, 80) + "..." : shown)}.");
    }

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "the text",
        JsonValueKind.Number => "the number",
        _ => "the value",
    };

    /// <summary>The member name <paramref name="given"/> was most likely meant to be: same letters in
    /// another case, a known alias of this module's objects, or at most two edits away.</summary>
    private static string? Closest(string given, IEnumerable<string> names)
    {
        var candidates = names.ToList();
        var sameLetters = candidates.FirstOrDefault(name => string.Equals(name, given, StringComparison.OrdinalIgnoreCase));
        if (sameLetters != null) return sameLetters;
        // Property names of the module's own objects, which scripts pass back in by mistake.
        var prefixed = candidates.FirstOrDefault(name => name.EndsWith(given, StringComparison.OrdinalIgnoreCase) && name.Length > given.Length);
        if (prefixed != null) return prefixed;
        return candidates.Select(name => (name, distance: Distance(given.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.distance <= 2).OrderBy(c => c.distance).Select(c => c.name).FirstOrDefault();
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    private static string Name(string path) => path.Length == 0 ? "the request" : path;

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;
}
