using System;
using Amazon;
using Amazon.Runtime;

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

    /// <summary>"EndpointUrl", the environment variable's name, or "Regional".</summary>
    public string Source { get; }

    /// <summary>False only for the service's own regional endpoint.</summary>
    public bool IsOverride { get; }

    public override string ToString() => Url;
}

/// <summary>
/// Endpoint rules shared by every client: explicit URL, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;,
/// then AWS_ENDPOINT_URL, then the regional endpoint (the order the AWS SDKs and CLI use).
/// </summary>
public static class EndpointResolution
{
    public const string ExplicitSource = "EndpointUrl";
    public const string RegionalSource = "Regional";
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>AWS_ENDPOINT_URL_ + the serviceId upper-cased with spaces as underscores.</summary>
    public static string ServiceVariable(string serviceId) =>
        GlobalVariable + "_" + serviceId.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The endpoint <paramref name="service"/> calls go to, and why.</summary>
    public static ResolvedEndpoint Resolve(JsonServiceDescriptor service, RegionEndpoint region, string? explicitEndpointUrl) =>
        Resolve(service.ServiceId, service.EndpointPrefix, region, explicitEndpointUrl);

    public static ResolvedEndpoint Resolve(
        string serviceId,
        string endpointPrefix,
        RegionEndpoint region,
        string? explicitEndpointUrl,
        Func<string, string?>? environment = null)
    {
        var overridden = ResolveOverride(serviceId, explicitEndpointUrl, environment);
        return overridden ?? new ResolvedEndpoint(RegionalEndpoint(endpointPrefix, region.SystemName), RegionalSource, isOverride: false);
    }

    /// <summary>The overriding endpoint, or null when the regional endpoint applies.</summary>
    public static ResolvedEndpoint? ResolveOverride(string serviceId, string? explicitEndpointUrl, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitEndpointUrl))
        {
            return new ResolvedEndpoint(CheckedUrl(explicitEndpointUrl!, ExplicitSource), ExplicitSource, isOverride: true);
        }

        if (string.Equals(environment(IgnoreVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in new[] { ServiceVariable(serviceId), GlobalVariable })
        {
            var value = environment(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return new ResolvedEndpoint(CheckedUrl(value!, variable), variable, isOverride: true);
            }
        }

        return null;
    }

    public static string RegionalEndpoint(string endpointPrefix, string region) =>
        $"https://{endpointPrefix}.{region}.{DnsSuffix(region)}";

    /// <summary>The partition's DNS suffix: China regions differ from the commercial partition.</summary>
    public static string DnsSuffix(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";

    /// <summary>
    /// Points an SDK config at the endpoint. An override sets ServiceURL, which clears RegionEndpoint,
    /// so the signing region is pinned with AuthenticationRegion; the SDK's own env lookup is turned
    /// off so these rules are the only ones.
    /// </summary>
    internal static ResolvedEndpoint? Apply(ClientConfig config, string serviceId, AwsConnection connection, Func<string, string?>? environment = null)
    {
        config.IgnoreConfiguredEndpointUrls = true;
        var overridden = ResolveOverride(serviceId, connection.EndpointUrl, environment);
        if (overridden is null)
        {
            config.RegionEndpoint = connection.Region;
        }
        else
        {
            config.ServiceURL = overridden.Url;
            config.AuthenticationRegion = connection.Region.SystemName;
        }

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
