using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Endpoints;

/// <summary>The endpoint rule set refuses the settings, e.g. FIPS with a custom endpoint, or
/// dual-stack in a partition that has none; the message is the rule set's own.</summary>
public sealed class EndpointRuleException : ModelRegistryException
{
    public EndpointRuleException(string message)
        : base(ErrorIds.InvalidEndpointConfiguration, ErrorKind.InvalidArgument, message)
    {
    }
}
