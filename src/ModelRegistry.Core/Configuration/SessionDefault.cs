using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;

namespace ModelRegistry.Core.Configuration;

/// <summary>Defaults a session set earlier, consulted after the parameters and before the SDK's
/// chain: e.g. the local registry started by Start-MRLocalRegistry, or the
/// $StoredAWSCredentials / $StoredAWSRegion that AWS.Tools.Common's cmdlets leave.</summary>
public sealed class SessionDefault
{
    public SessionDefault(string source, AWSCredentials? credentials, string? region, string? endpointUrl,
        IEnumerable<string>? endpointAccessKeyIds = null)
    {
        Source = source;
        Credentials = credentials;
        Region = region;
        EndpointUrl = endpointUrl;
        EndpointAccessKeyIds = new HashSet<string>(endpointAccessKeyIds ?? Enumerable.Empty<string>());
    }

    /// <summary>Credentials a session stored (AWS.Tools' $StoredAWSCredentials), read by shape; null when
    /// <paramref name="stored"/> holds nothing that looks like credentials.</summary>
    public static SessionDefault? ForStoredCredentials(string source, object? stored) =>
        CredentialShape.From(stored) is { } credentials ? new SessionDefault(source, credentials, null, null) : null;

    /// <summary>A region a session stored (AWS.Tools' $StoredAWSRegion).</summary>
    public static SessionDefault ForStoredRegion(string source, string region) => new(source, null, region, null);

    /// <summary>Where the default comes from, as shown to the user (e.g. "$StoredAWSCredentials").</summary>
    public string Source { get; }
    public AWSCredentials? Credentials { get; }
    public string? Region { get; }
    public string? EndpointUrl { get; }

    /// <summary>Other keys that <see cref="EndpointUrl"/> knows (the local registry's accounts):
    /// calls signed with them go there too; calls signed with any other key never do.</summary>
    public IReadOnlyCollection<string> EndpointAccessKeyIds { get; }

    /// <summary>Whether a call signed with <paramref name="credentials"/> belongs at <see cref="EndpointUrl"/>.</summary>
    public bool EndpointServes(AWSCredentials credentials)
    {
        if (ReferenceEquals(credentials, Credentials)) return true;
        // Credentials that refresh (SSO, roles) are never the local registry's static test keys.
        if (EndpointAccessKeyIds.Count == 0 || credentials is RefreshingAWSCredentials or AnonymousAWSCredentials) return false;
        return credentials.GetCredentials()?.AccessKey is { } accessKey && EndpointAccessKeyIds.Contains(accessKey);
    }
}
