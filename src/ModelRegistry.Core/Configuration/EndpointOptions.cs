namespace ModelRegistry.Core.Configuration;

/// <summary>How endpoints are chosen besides the region: FIPS, dual-stack, and the shared config
/// profile whose endpoint_url and services section apply.</summary>
public sealed class EndpointOptions
{
    public static readonly EndpointOptions None = new(false, false, null);

    public EndpointOptions(bool useFipsEndpoint, bool useDualStackEndpoint, SharedConfigProfile? configProfile)
    {
        UseFipsEndpoint = useFipsEndpoint;
        UseDualStackEndpoint = useDualStackEndpoint;
        ConfigProfile = configProfile;
    }

    public bool UseFipsEndpoint { get; }
    public bool UseDualStackEndpoint { get; }
    public SharedConfigProfile? ConfigProfile { get; }
}
