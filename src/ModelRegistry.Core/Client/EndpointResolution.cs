using System;
using System.Collections.Generic;
using System.Net;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Endpoints;

namespace ModelRegistry.Core.Client;

/// <summary>An endpoint and the rule that chose it.</summary>
public sealed class ResolvedEndpoint
{
    public ResolvedEndpoint(string url, string source, bool isOverride)
    {
        Url = url;
        Source = source;
        IsOverride = isOverride;
    }

    public string Url { get; }

    /// <summary>"EndpointUrl", the environment variable's name, the shared config setting, or "Regional".</summary>
    public string Source { get; }

    /// <summary>False only for the service's own endpoint from the rule set.</summary>
    public bool IsOverride { get; }

    public override string ToString() => Url;
}

/// <summary>
/// Endpoint rules shared by every client, in the order the AWS SDKs and CLI use: explicit URL, then
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, the profile's services section, AWS_ENDPOINT_URL, the profile's
/// endpoint_url; otherwise the service's official endpoint rule set (partition, FIPS, dual-stack).
/// </summary>
public static class EndpointResolution
{
    public const string ExplicitSource = "EndpointUrl";
    public const string RegionalSource = "Regional";
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>AWS_ENDPOINT_URL_ + the serviceId upper-cased with spaces as underscores.</summary>
    public static string ServiceVariable(string serviceId) =>
        GlobalVariable + "_" + ServiceKey(serviceId).ToUpperInvariant();

    /// <summary>The serviceId as the shared config's services section names it: lower case, spaces as underscores.</summary>
    public static string ServiceKey(string serviceId) => serviceId.Replace(' ', '_').ToLowerInvariant();

    /// <summary>The endpoint <paramref name="service"/> calls go to, and why.</summary>
    /// <exception cref="EndpointRuleException">The rule set refuses the settings (e.g. FIPS with a custom endpoint).</exception>
    public static ResolvedEndpoint Resolve(JsonServiceDescriptor service, AwsConnection connection, Func<string, string?>? environment = null)
    {
        var options = connection.EndpointOptions;
        var overridden = ResolveOverride(service.ServiceId, connection.EndpointUrl, environment, options.ConfigProfile);
        var url = EndpointRuleSet.Load(service.RuleSetName).Resolve(RuleParameters(
            connection.Region.SystemName, overridden?.Url, options.UseFipsEndpoint, options.UseDualStackEndpoint));
        return overridden is null ? new ResolvedEndpoint(url, RegionalSource, isOverride: false) : overridden;
    }

    /// <summary>The parameters every AWS rule set declares (Region, Endpoint, UseFIPS, UseDualStack).</summary>
    internal static IReadOnlyDictionary<string, object?> RuleParameters(string? region, string? endpoint, bool useFips, bool useDualStack) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Region"] = region,
            ["Endpoint"] = endpoint,
            ["UseFIPS"] = useFips,
            ["UseDualStack"] = useDualStack,
        };

    /// <summary>The overriding endpoint, or null when the service's rule set applies.</summary>
    public static ResolvedEndpoint? ResolveOverride(
        string serviceId, string? explicitEndpointUrl, Func<string, string?>? environment = null, SharedConfigProfile? profile = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitEndpointUrl))
        {
            return new ResolvedEndpoint(CheckedUrl(explicitEndpointUrl!, ExplicitSource), ExplicitSource, isOverride: true);
        }

        if (string.Equals(environment(IgnoreVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            || profile?.IgnoreConfiguredEndpointUrls == true)
        {
            return null;
        }

        var serviceVariable = ServiceVariable(serviceId);
        var candidates = new (string? Url, string Source)[]
        {
            (environment(serviceVariable), serviceVariable),
            (profile?.ServiceEndpointUrl(ServiceKey(serviceId)), $"shared config (profile '{profile?.Name}', services {ServiceKey(serviceId)} endpoint_url)"),
            (environment(GlobalVariable), GlobalVariable),
            (profile?.EndpointUrl, $"shared config (profile '{profile?.Name}', endpoint_url)"),
        };
        foreach (var (url, source) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(url))
            {
                return new ResolvedEndpoint(CheckedUrl(url!, source), source, isOverride: true);
            }
        }

        return null;
    }

    /// <summary>
    /// Points an SDK config at the endpoint. An override sets ServiceURL, which clears RegionEndpoint,
    /// so the signing region is pinned with AuthenticationRegion; the SDK's own lookup of configured
    /// endpoints is turned off so these rules are the only ones.
    /// </summary>
    internal static ResolvedEndpoint? Apply(ClientConfig config, string serviceId, AwsConnection connection, Func<string, string?>? environment = null)
    {
        config.IgnoreConfiguredEndpointUrls = true;
        config.HttpClientFactory = SharedHttpClientFactory.Instance;
        // The SDK's netstandard2.0 build, which the module loads, would keep one HttpClient per processor off
        // Windows and take them in turn, each with its own connections; one is what it keeps on .NET 8.
        config.HttpClientCacheSize = 1;
        config.UseFIPSEndpoint = connection.EndpointOptions.UseFipsEndpoint;
        config.UseDualstackEndpoint = connection.EndpointOptions.UseDualStackEndpoint;
        var overridden = ResolveOverride(serviceId, connection.EndpointUrl, environment, connection.EndpointOptions.ConfigProfile);
        if (overridden is null)
        {
            config.RegionEndpoint = connection.Region;
        }
        else
        {
            config.ServiceURL = overridden.Url;
            config.AuthenticationRegion = connection.Region.SystemName;
            // A proxy (HTTP_PROXY, HTTPS_PROXY) cannot reach this machine's loopback, where the local registry
            // listens: call it directly, as if NO_PROXY named it (a WebProxy without an address bypasses all).
            if (new Uri(overridden.Url).IsLoopback) config.SetWebProxy(new WebProxy());
        }

        // AWSSDK.Core sends a call again at once, up to ten times and outside MaxErrorRetry, after a connection reset or an
        // answer ended early, taking it for a stale pooled connection; but the request may have reached the service
        // (a create without a ClientToken made twice, a listing that was to be tried once). Those failures are left to the
        // counted retries instead: backoff, retry quota, MaxErrorRetry and AWS_MAX_ATTEMPTS apply.
        config.MaxStaleConnectionRetries = 0;
        if (connection.MaxErrorRetry is int retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (connection.Timeout is TimeSpan timeout)
        {
            config.Timeout = timeout;
        }

        return overridden;
    }

    private static string CheckedUrl(string value, string source)
    {
        var trimmed = value.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{source}: '{value}' is not an absolute http(s) URL.", nameof(value));
        }

        return trimmed;
    }
}
