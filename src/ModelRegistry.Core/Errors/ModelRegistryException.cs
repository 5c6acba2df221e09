using System;

namespace ModelRegistry.Core.Errors;

/// <summary>A failure this module detects itself: <see cref="ErrorId"/> is one of <see cref="ErrorIds"/>,
/// stable for scripts; <see cref="ParameterName"/> names the parameter at fault, if one is.</summary>
public class ModelRegistryException : Exception
{
    public ModelRegistryException(string errorId, ErrorKind kind, string message, string? parameterName = null, object? value = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        ParameterName = parameterName;
        Value = value;
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    public string? ParameterName { get; }

    /// <summary>The offending value, shown as the error's target.</summary>
    public object? Value { get; }

    /// <summary>Bad input: the message should start with the parameter's name (-Name: ...).</summary>
    public static ModelRegistryException InvalidArgument(string errorId, string parameterName, object? value, string message) =>
        new(errorId, ErrorKind.InvalidArgument, message, parameterName, value);
}
