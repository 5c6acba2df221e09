using System;
using Amazon.Runtime.Endpoints;

namespace ModelRegistry.Core.Client;

/// <summary>An overriding endpoint when one was configured, otherwise the service's regional endpoint.</summary>
internal sealed class JsonServiceEndpointProvider : IEndpointProvider
{
    internal const string RegionParameter = "Region";
    internal const string EndpointParameter = "Endpoint";

    private readonly JsonServiceDescriptor _service;

    public JsonServiceEndpointProvider(JsonServiceDescriptor service) => _service = service;

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        if (parameters[EndpointParameter] is string endpoint && endpoint.Length > 0)
        {
            return new Endpoint(endpoint);
        }

        if (parameters[RegionParameter] is string region && region.Length > 0)
        {
            return new Endpoint(EndpointResolution.RegionalEndpoint(_service.EndpointPrefix, region));
        }

        throw new InvalidOperationException($"No region is configured for {_service.ServiceId} and no endpoint URL was given.");
    }
}
