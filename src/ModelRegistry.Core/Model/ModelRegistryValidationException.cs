using System;

using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Model;

/// <summary>
/// A request member broke a rule before anything was sent. <see cref="MemberPath"/> is the wire path
/// (e.g. InferenceSpecification.Containers[0].Image) so callers can name their own parameter.
/// </summary>
public sealed class ModelRegistryValidationException : Exception
{
    public ModelRegistryValidationException(string operation, string memberPath, string? value, string rule, string message)
        : base(message)
    {
        Operation = operation;
        MemberPath = memberPath;
        Value = value;
        Rule = rule;
    }

    public string Operation { get; }

    public string MemberPath { get; }

    /// <summary>The offending value as JSON text for structures, plain text for strings; null when missing.</summary>
    public string? Value { get; }

    /// <summary>required, min, max, pattern, enum, type or utf16.</summary>
    public string Rule { get; }

    /// <summary>The parameter <see cref="MemberPath"/> came from, by the longest mapped prefix
    /// ("InferenceSpecification.Containers[0].Image" → -Image); "" maps every member to one parameter.</summary>
    public string? ParameterIn(IReadOnlyDictionary<string, string>? parameterOfMember)
    {
        if (parameterOfMember == null) return null;
        var path = MemberPath;
        while (true)
        {
            var unindexed = Regex.Replace(path, @"\[\d+\]", "[]");
            if (parameterOfMember.TryGetValue(unindexed, out var parameter)) return parameter;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0) return parameterOfMember.TryGetValue(string.Empty, out var whole) ? whole : null;
            path = path.Substring(0, cut);
        }
    }
}
