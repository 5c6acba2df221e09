using System;

namespace ModelRegistry.Core.Configuration;

/// <summary>The connection settings cannot be resolved; <see cref="ErrorId"/> is stable for scripts
/// and <see cref="ParameterName"/> names the parameter at fault, if one is.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string errorId, string message, string? parameterName = null, object? value = null)
        : base(message)
    {
        ErrorId = errorId;
        ParameterName = parameterName;
        Value = value;
    }

    public string ErrorId { get; }
    public string? ParameterName { get; }
    public object? Value { get; }
}
