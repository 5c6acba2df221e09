using Amazon.Runtime;

namespace ModelRegistry.Core.Configuration;

/// <summary>Defaults a session set earlier, consulted after the parameters and before the SDK's
/// chain: e.g. the local registry started by Start-MRLocalRegistry, or the
/// $StoredAWSCredentials / $StoredAWSRegion that AWS.Tools.Common's cmdlets leave.</summary>
public sealed class SessionDefault
{
    public SessionDefault(string source, AWSCredentials? credentials, string? region, string? endpointUrl)
    {
        Source = source;
        Credentials = credentials;
        Region = region;
        EndpointUrl = endpointUrl;
    }

    /// <summary>Where the default comes from, as shown to the user (e.g. "$StoredAWSCredentials").</summary>
    public string Source { get; }
    public AWSCredentials? Credentials { get; }
    public string? Region { get; }
    public string? EndpointUrl { get; }
}
