using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>The connection settings cannot be resolved; <see cref="ModelRegistryException.ParameterName"/>
/// names the parameter at fault, if one is.</summary>
public sealed class ConfigurationException : ModelRegistryException
{
    public ConfigurationException(string errorId, string message, string? parameterName = null, object? value = null)
        : base(errorId, ErrorKind.InvalidArgument, message, parameterName, value)
    {
    }
}
