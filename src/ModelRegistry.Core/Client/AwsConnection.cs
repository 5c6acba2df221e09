using System;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Configuration;

namespace ModelRegistry.Core.Client;

/// <summary>Where and as whom to call AWS: the input of every client this module creates.</summary>
public sealed class AwsConnection
{
    public AwsConnection(
        AWSCredentials credentials,
        RegionEndpoint region,
        string? endpointUrl = null,
        int? maxErrorRetry = null,
        TimeSpan? timeout = null,
        EndpointOptions? endpointOptions = null)
    {
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Region = region ?? throw new ArgumentNullException(nameof(region));
        EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? null : endpointUrl;
        MaxErrorRetry = maxErrorRetry;
        Timeout = timeout;
        EndpointOptions = endpointOptions ?? EndpointOptions.None;
    }

    public AWSCredentials Credentials { get; }

    /// <summary>The region requests are signed for, even when <see cref="EndpointUrl"/> points elsewhere.</summary>
    public RegionEndpoint Region { get; }

    /// <summary>An endpoint chosen by the caller (for example -EndpointUrl); wins over the environment.</summary>
    public string? EndpointUrl { get; }

    /// <summary>Retries after the first attempt; null keeps the SDK default (standard mode: 2).</summary>
    public int? MaxErrorRetry { get; }

    /// <summary>Per-attempt HTTP timeout; null keeps the SDK default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>FIPS, dual-stack, and the shared config profile whose configured endpoints apply.</summary>
    public EndpointOptions EndpointOptions { get; }

    /// <summary>Told one line per AWS call of the module's own clients (operation, endpoint, region); never a secret.</summary>
    public Action<string>? Trace { get; set; }
}
