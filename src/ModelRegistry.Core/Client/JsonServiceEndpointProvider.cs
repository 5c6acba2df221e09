using Amazon.Runtime.Endpoints;
using ModelRegistry.Core.Endpoints;

namespace ModelRegistry.Core.Client;

/// <summary>The service's official endpoint rule set, fed the region, FIPS, dual-stack and the overriding endpoint.</summary>
internal sealed class JsonServiceEndpointProvider : IEndpointProvider
{
    internal const string RegionParameter = "Region";
    internal const string EndpointParameter = "Endpoint";
    internal const string UseFipsParameter = "UseFIPS";
    internal const string UseDualStackParameter = "UseDualStack";

    private readonly JsonServiceDescriptor _service;

    public JsonServiceEndpointProvider(JsonServiceDescriptor service) => _service = service;

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        try
        {
            return new Endpoint(EndpointRuleSet.Load(_service.RuleSetName).Resolve(EndpointResolution.RuleParameters(
                parameters[RegionParameter] as string,
                parameters[EndpointParameter] as string is { Length: > 0 } endpoint ? endpoint : null,
                parameters[UseFipsParameter] as bool? ?? false,
                parameters[UseDualStackParameter] as bool? ?? false)));
        }
        catch (EndpointRuleException e)
        {
            throw new EndpointRuleException($"{_service.ServiceId} endpoint: {e.Message}");
        }
    }
}
