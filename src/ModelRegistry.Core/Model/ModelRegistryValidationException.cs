using System;

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

    /// <summary>required, min, max, pattern, enum or type.</summary>
    public string Rule { get; }
}
