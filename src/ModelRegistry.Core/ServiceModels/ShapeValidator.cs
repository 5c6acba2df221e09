using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>Walks a JSON input along its shape and collects every violation, naming members the way
/// AWS does in messages (camelCase, lists as <c>member.1.name</c> with one-based indexes).</summary>
internal sealed class ShapeValidator
{
    // Messages echo values; a few kilobytes of a hostile string is enough to recognise it.
    private const int MaxEchoedLength = 1024;

    // AWS keeps tag keys starting with "aws:" (any case) for itself; the models cannot say so in a pattern.
    private const string ReservedTagKeyPrefix = "aws:";
    private static readonly string[] TagKeyShapes = { "TagKey", "TagKeyType" };

    private readonly ServiceModel _model;
    private readonly List<ShapeViolation> _violations = new List<ShapeViolation>();

    public ShapeValidator(ServiceModel model) => _model = model;

    public IReadOnlyList<ShapeViolation> Violations => _violations;

    public void ValidateRoot(Shape shape, JsonNode input)
    {
        if (input is JsonObject body)
        {
            ValidateStructure(shape, body, MemberPath.Root);
        }
        else
        {
            _violations.Add(new ShapeViolation(string.Empty, ShapeRules.Type, "Start of structure or map found where not expected."));
        }
    }

    private void ValidateStructure(Shape shape, JsonObject value, MemberPath path)
    {
        foreach (var member in shape.Members)
        {
            var memberPath = path.Member(member.Name);
            value.TryGetPropertyValue(member.Name, out var memberValue);
            if (memberValue == null)
            {
                if (shape.Required.Contains(member.Name))
                {
                    Add(memberPath, ShapeRules.Required, "Value null at '" + memberPath.Aws + "' failed to satisfy constraint: Member must not be null");
                }

                continue;
            }

            Validate(_model.GetShape(member.ShapeName), memberValue, memberPath);
        }
    }

    private void Validate(Shape shape, JsonNode value, MemberPath path)
    {
        switch (shape.Type)
        {
            case "structure":
                if (value is JsonObject structure)
                {
                    ValidateStructure(shape, structure, path);
                }
                else
                {
                    AddTypeViolation(path, "structure", value);
                }

                break;
            case "list":
                if (value is JsonArray list)
                {
                    ValidateList(shape, list, path);
                }
                else
                {
                    AddTypeViolation(path, "list", value);
                }

                break;
            case "map":
                if (value is JsonObject map)
                {
                    ValidateMap(shape, map, path);
                }
                else
                {
                    AddTypeViolation(path, "map", value);
                }

                break;
            case "string":
            case "blob":
                if (TryGetString(value, out var text))
                {
                    ValidateString(shape, text, path);
                }
                else
                {
                    AddTypeViolation(path, shape.Type, value);
                }

                break;
            case "integer":
            case "long":
                ValidateInteger(shape, value, path);
                break;
            case "float":
            case "double":
            case "timestamp":
                if (!TryGetNumber(value, out var number))
                {
                    AddTypeViolation(path, shape.Type, value);
                }
                else if (shape.Type != "timestamp")
                {
                    ValidateRange(shape, number, path);
                }

                break;
            case "boolean":
                if (value.GetValueKind() != JsonValueKind.True && value.GetValueKind() != JsonValueKind.False)
                {
                    AddTypeViolation(path, "boolean", value);
                }

                break;
        }
    }

    private void ValidateList(Shape shape, JsonArray list, MemberPath path)
    {
        ValidateSize(shape, list.Count, list, path);
        if (shape.MemberShape == null)
        {
            return;
        }

        var elementShape = _model.GetShape(shape.MemberShape);
        for (var i = 0; i < list.Count; i++)
        {
            var elementPath = path.Element(i);
            if (list[i] is JsonNode element)
            {
                Validate(elementShape, element, elementPath);
            }
            else
            {
                Add(elementPath, ShapeRules.Required, "Value null at '" + elementPath.Aws + "' failed to satisfy constraint: Member must not be null");
            }
        }
    }

    private void ValidateMap(Shape shape, JsonObject map, MemberPath path)
    {
        ValidateSize(shape, map.Count, map, path);
        var keyShape = shape.KeyShape == null ? null : _model.GetShape(shape.KeyShape);
        var valueShape = shape.ValueShape == null ? null : _model.GetShape(shape.ValueShape);
        foreach (var entry in map)
        {
            var entryPath = path.Entry(entry.Key);
            if (keyShape != null)
            {
                ValidateString(keyShape, entry.Key, entryPath);
            }

            if (entry.Value == null)
            {
                Add(entryPath, ShapeRules.Required, "Value null at '" + entryPath.Aws + "' failed to satisfy constraint: Member must not be null");
            }
            else if (valueShape != null)
            {
                Validate(valueShape, entry.Value, entryPath);
            }
        }
    }

    private void ValidateString(Shape shape, string text, MemberPath path)
    {
        if (shape.Min is decimal min && text.Length < min)
        {
            AddConstraint(shape, path, ShapeRules.Min, Quote(shape, text), "Member must have length greater than or equal to " + Format(min));
        }

        if (shape.Max is decimal max && text.Length > max)
        {
            AddConstraint(shape, path, ShapeRules.Max, Quote(shape, text), "Member must have length less than or equal to " + Format(max));
        }

        if (shape.Pattern != null && !shape.Pattern.IsMatch(text))
        {
            AddConstraint(shape, path, ShapeRules.Pattern, Quote(shape, text), "Member must satisfy regular expression pattern: " + shape.Pattern.Source);
        }

        if (shape.Enum != null && !shape.Enum.Contains(text))
        {
            AddConstraint(shape, path, ShapeRules.Enum, Quote(shape, text), "Member must satisfy enum value set: [" + string.Join(", ", shape.Enum) + "]");
        }

        if (Array.IndexOf(TagKeyShapes, shape.Name) >= 0 && text.StartsWith(ReservedTagKeyPrefix, StringComparison.OrdinalIgnoreCase))
        {
            AddConstraint(shape, path, ShapeRules.Reserved, Quote(shape, text),
                "Member must not start with '" + ReservedTagKeyPrefix + "' (reserved for AWS use)");
        }
    }

    private void ValidateInteger(Shape shape, JsonNode value, MemberPath path)
    {
        if (!TryGetNumber(value, out var number) || number != decimal.Truncate(number)
            || (shape.Type == "integer" && (number < int.MinValue || number > int.MaxValue))
            || number < long.MinValue || number > long.MaxValue)
        {
            AddTypeViolation(path, shape.Type, value);
            return;
        }

        ValidateRange(shape, number, path);
    }

    private void ValidateRange(Shape shape, decimal number, MemberPath path)
    {
        var shown = "'" + Format(number) + "'";
        if (shape.Min is decimal min && number < min)
        {
            AddConstraint(shape, path, ShapeRules.Min, shown, "Member must have value greater than or equal to " + Format(min));
        }

        if (shape.Max is decimal max && number > max)
        {
            AddConstraint(shape, path, ShapeRules.Max, shown, "Member must have value less than or equal to " + Format(max));
        }
    }

    private void ValidateSize(Shape shape, int count, JsonNode value, MemberPath path)
    {
        var shown = Quote(shape, Abbreviate(value.ToJsonString()));
        if (shape.Min is decimal min && count < min)
        {
            AddConstraint(shape, path, ShapeRules.Min, shown, "Member must have length greater than or equal to " + Format(min));
        }

        if (shape.Max is decimal max && count > max)
        {
            AddConstraint(shape, path, ShapeRules.Max, shown, "Member must have length less than or equal to " + Format(max));
        }
    }

    private void AddTypeViolation(MemberPath path, string expected, JsonNode value) =>
        Add(path, ShapeRules.Type, "Value at '" + path.Aws + "' failed to satisfy constraint: Member must be of type " + expected
            + " (found " + value.GetValueKind().ToString().ToLowerInvariant() + ")");

    private void AddConstraint(Shape shape, MemberPath path, string rule, string? shownValue, string constraint)
    {
        var value = shownValue == null ? "Value" : "Value " + shownValue;
        Add(path, rule, value + " at '" + path.Aws + "' failed to satisfy constraint: " + constraint);
    }

    private void Add(MemberPath path, string rule, string message) => _violations.Add(new ShapeViolation(path.Dotted, rule, message));

    private static string? Quote(Shape shape, string text) => shape.Sensitive ? null : "'" + Abbreviate(text) + "'";

    private static string Abbreviate(string text) => text.Length <= MaxEchoedLength ? text : text.Substring(0, MaxEchoedLength) + "...";

    private static string Format(decimal number) => number.ToString(CultureInfo.InvariantCulture);

    private static bool TryGetString(JsonNode value, out string text)
    {
        if (value is JsonValue scalar && scalar.TryGetValue(out string? s))
        {
            text = s;
            return true;
        }

        text = string.Empty;
        return false;
    }

    private static bool TryGetNumber(JsonNode value, out decimal number)
    {
        number = 0;
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        // The JSON text reads the same whether the node was parsed or built from a CLR number.
        var text = value.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        // Numbers outside decimal's range (1e300) are still numbers; clamp so range checks reject them.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate))
        {
            number = approximate > 0 ? decimal.MaxValue : decimal.MinValue;
            return true;
        }

        return false;
    }

    /// <summary>A member's location in two spellings: ours (<c>A.B[0].C</c>) and AWS's (<c>a.b.1.member.c</c>).</summary>
    private sealed class MemberPath
    {
        public static readonly MemberPath Root = new MemberPath(string.Empty, string.Empty);

        private MemberPath(string dotted, string aws)
        {
            Dotted = dotted;
            Aws = aws;
        }

        public string Dotted { get; }
        public string Aws { get; }

        public MemberPath Member(string name) => new MemberPath(Join(Dotted, name), Join(Aws, CamelCase(name)));

        public MemberPath Element(int index) => new MemberPath(
            Dotted + "[" + index.ToString(CultureInfo.InvariantCulture) + "]",
            Aws + "." + (index + 1).ToString(CultureInfo.InvariantCulture) + ".member");

        public MemberPath Entry(string key) => new MemberPath(Dotted + "[" + key + "]", Aws + "." + key);

        private static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;

        private static string CamelCase(string name) =>
            name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
