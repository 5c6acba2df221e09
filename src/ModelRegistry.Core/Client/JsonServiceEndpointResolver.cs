using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>Feeds the region, FIPS, dual-stack and the overriding endpoint (ServiceURL) to <see cref="JsonServiceEndpointProvider"/>.</summary>
internal sealed class JsonServiceEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) =>
        Parameters(requestContext.ClientConfig, requestContext.Request.AlternateEndpoint?.SystemName);

    internal static EndpointParameters Parameters(IClientConfig config, string? alternateRegion)
    {
        var parameters = new EndpointParameters();
        // With ServiceURL set RegionEndpoint is null and AuthenticationRegion holds the region.
        parameters[JsonServiceEndpointProvider.RegionParameter] =
            alternateRegion ?? config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
        parameters[JsonServiceEndpointProvider.EndpointParameter] = config.ServiceURL;
        parameters[JsonServiceEndpointProvider.UseFipsParameter] = config.UseFIPSEndpoint;
        parameters[JsonServiceEndpointProvider.UseDualStackParameter] = config.UseDualstackEndpoint;
        return parameters;
    }
}
