using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;

namespace ModelRegistry.Core.Configuration;

/// <summary>The region, credentials and endpoint override a call will use, and where each came from.
/// Sources are for people (Get-MRConfiguration, -Debug); never includes a secret.</summary>
public sealed class ResolvedConnection
{
    public ResolvedConnection(
        RegionEndpoint region, string regionSource,
        AWSCredentials credentials, string credentialSource,
        string? endpointUrl, string? endpointSource, string? profileName, EndpointOptions? endpointOptions = null)
    {
        Region = region;
        RegionSource = regionSource;
        Credentials = credentials;
        CredentialSource = credentialSource;
        EndpointUrl = endpointUrl;
        EndpointSource = endpointSource;
        ProfileName = profileName;
        EndpointOptions = endpointOptions ?? EndpointOptions.None;
    }

    public RegionEndpoint Region { get; }

    /// <summary>The region's system name (us-east-1).</summary>
    public string RegionName => Region.SystemName;
    public string RegionSource { get; }
    public AWSCredentials Credentials { get; }
    public string CredentialSource { get; }

    /// <summary>An endpoint set by a parameter or a session default; null means the configured
    /// endpoints (AWS_ENDPOINT_URL_*, the shared config) or the service's rule set decide.</summary>
    public string? EndpointUrl { get; }
    public string? EndpointSource { get; }
    public string? ProfileName { get; }

    /// <summary>FIPS, dual-stack and the shared config profile's configured endpoints.</summary>
    public EndpointOptions EndpointOptions { get; }

    /// <summary>The input of every client: the endpoint override, if any, keeps this region for signing.</summary>
    public AwsConnection ToConnection() => new(Credentials, Region, EndpointUrl, endpointOptions: EndpointOptions);
}
