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
        bool useFipsEndpoint = false,
        bool useDualStackEndpoint = false,
        SharedConfigProfile? configProfile = null)
    {
        Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        Region = region ?? throw new ArgumentNullException(nameof(region));
        EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? null : endpointUrl;
        MaxErrorRetry = maxErrorRetry;
        Timeout = timeout;
        UseFipsEndpoint = useFipsEndpoint;
        UseDualStackEndpoint = useDualStackEndpoint;
        ConfigProfile = configProfile;
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

    /// <summary>Call the FIPS endpoints (AWS_USE_FIPS_ENDPOINT, use_fips_endpoint, -UseFipsEndpoint).</summary>
    public bool UseFipsEndpoint { get; }

    /// <summary>Call the dual-stack (IPv6) endpoints (AWS_USE_DUALSTACK_ENDPOINT, use_dualstack_endpoint).</summary>
    public bool UseDualStackEndpoint { get; }

    /// <summary>The shared config profile whose endpoint_url and services section apply; null for none.</summary>
    public SharedConfigProfile? ConfigProfile { get; }
}
