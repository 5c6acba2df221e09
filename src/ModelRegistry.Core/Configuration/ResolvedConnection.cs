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
        string? endpointUrl, string? endpointSource, string? profileName)
    {
        Region = region;
        RegionSource = regionSource;
        Credentials = credentials;
        CredentialSource = credentialSource;
        EndpointUrl = endpointUrl;
        EndpointSource = endpointSource;
        ProfileName = profileName;
    }

    public RegionEndpoint Region { get; }

    /// <summary>The region's system name (us-east-1).</summary>
    public string RegionName => Region.SystemName;
    public string RegionSource { get; }
    public AWSCredentials Credentials { get; }
    public string CredentialSource { get; }

    /// <summary>An endpoint set by a parameter or a session default; null means the SDK's rules
    /// (AWS_ENDPOINT_URL_*, AWS_ENDPOINT_URL, then the regional endpoint) decide.</summary>
    public string? EndpointUrl { get; }
    public string? EndpointSource { get; }
    public string? ProfileName { get; }

    /// <summary>The input of every client: the endpoint override, if any, keeps this region for signing.</summary>
    public AwsConnection ToConnection() => new(Credentials, Region, EndpointUrl);
}
