using System;

namespace ModelRegistry.Core.Policies;

/// <summary>A policy document is not valid IAM policy JSON; the message names the offending element.</summary>
public sealed class PolicyFormatException : FormatException
{
    public PolicyFormatException(string message)
        : base(message)
    {
    }

    public PolicyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Path of the offending element, e.g. <c>Statement[2].Effect</c>; null when the whole document is at fault.</summary>
    public string? ElementPath { get; private set; }

    internal static PolicyFormatException At(string elementPath, string problem)
        => new PolicyFormatException($"{elementPath} {problem}") { ElementPath = elementPath };
}
