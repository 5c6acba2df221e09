using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>One input member that breaks its shape's constraint.</summary>
public sealed class ShapeViolation
{
    public ShapeViolation(string memberPath, string rule, string message)
    {
        MemberPath = memberPath;
        Rule = rule;
        Message = message;
    }

    /// <summary>Dotted path of the member, e.g. <c>InferenceSpecification.Containers[0].Image</c>.</summary>
    public string MemberPath { get; }

    /// <summary>One of <see cref="ShapeRules"/>: required, min, max, pattern, enum, type, reserved.</summary>
    public string Rule { get; }

    /// <summary>The message AWS gives for this violation ("Value 'x' at 'a.b' failed to satisfy constraint: ...").</summary>
    public string Message { get; }

    /// <summary>The message of the ValidationException AWS returns for these violations.</summary>
    public static string Summarize(IReadOnlyCollection<ShapeViolation> violations)
    {
        var count = violations.Count;
        var noun = count == 1 ? "validation error" : "validation errors";
        return string.Format(CultureInfo.InvariantCulture, "{0} {1} detected: {2}",
            count, noun, string.Join("; ", violations.Select(v => v.Message)));
    }

    public override string ToString() => MemberPath + " (" + Rule + "): " + Message;
}

/// <summary>The constraint names a <see cref="ShapeViolation"/> reports.</summary>
public static class ShapeRules
{
    public const string Required = "required";
    public const string Min = "min";
    public const string Max = "max";
    public const string Pattern = "pattern";
    public const string Enum = "enum";
    public const string Type = "type";

    /// <summary>A value in a namespace the service keeps for itself, such as tag keys starting with <c>aws:</c>.</summary>
    public const string Reserved = "reserved";
}
