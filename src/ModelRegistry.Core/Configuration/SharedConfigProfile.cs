using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime.CredentialManagement;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// The endpoint settings of one profile of the shared config file (AWS_CONFIG_FILE, else
/// ~/.aws/config, as AWSSDK.Core read it when the process first used it): <c>endpoint_url</c>, the <c>services</c> section it names, <c>use_fips_endpoint</c>,
/// <c>use_dualstack_endpoint</c> and <c>ignore_configured_endpoint_urls</c>, read as the AWS SDKs and CLI do.
/// </summary>
public sealed class SharedConfigProfile
{
    private readonly Dictionary<string, string> _serviceEndpointUrls;

    private SharedConfigProfile(string name, IReadOnlyDictionary<string, string> settings, Dictionary<string, string> serviceEndpointUrls)
    {
        Name = name;
        EndpointUrl = Setting(settings, "endpoint_url");
        UseFipsEndpoint = Flag(settings, "use_fips_endpoint");
        UseDualStackEndpoint = Flag(settings, "use_dualstack_endpoint");
        IgnoreConfiguredEndpointUrls = Flag(settings, "ignore_configured_endpoint_urls") ?? false;
        _serviceEndpointUrls = serviceEndpointUrls;
    }

    public string Name { get; }

    /// <summary>The profile's <c>endpoint_url</c>: every service's endpoint unless a more specific setting wins.</summary>
    public string? EndpointUrl { get; }

    public bool? UseFipsEndpoint { get; }
    public bool? UseDualStackEndpoint { get; }
    public bool IgnoreConfiguredEndpointUrls { get; }

    /// <summary>The <c>endpoint_url</c> under <paramref name="serviceKey"/> (the serviceId lower-cased,
    /// spaces as underscores, e.g. "sagemaker", "sts", "sso") in the profile's services section.</summary>
    public string? ServiceEndpointUrl(string serviceKey) =>
        _serviceEndpointUrls.TryGetValue(serviceKey, out var url) ? url : null;

    /// <summary>The profile named <paramref name="profileName"/>; null when the file or the profile does not exist.</summary>
    public static SharedConfigProfile? Read(string profileName, string? configFilePath = null)
    {
        var path = configFilePath ?? DefaultConfigFilePath();
        if (!File.Exists(path)) return null;

        var sections = ParseSections(File.ReadAllLines(path));
        var header = profileName == "default" && !sections.ContainsKey("profile default") ? "default" : "profile " + profileName;
        if (!sections.TryGetValue(header, out var settings)) return null;

        var serviceEndpointUrls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Setting(settings, "services") is { } servicesName && sections.TryGetValue("services " + servicesName, out var services))
        {
            foreach (var entry in services)
            {
                // Nested keys are flattened as "<service>.<key>".
                var dot = entry.Key.IndexOf('.');
                if (dot > 0 && entry.Key.Substring(dot + 1) == "endpoint_url" && entry.Value.Length > 0)
                    serviceEndpointUrls[entry.Key.Substring(0, dot)] = entry.Value;
            }
        }

        return new SharedConfigProfile(profileName, settings, serviceEndpointUrls);
    }

    /// <summary>The file the SDK reads profiles from: AWSSDK.Core takes AWS_CONFIG_FILE (else
    /// ~/.aws/config) once per process, so endpoints and credentials come from the same file.</summary>
    public static string DefaultConfigFilePath() => SharedCredentialsFile.DefaultConfigFilePath;

    /// <summary>INI sections by header; a key with an empty value followed by indented lines
    /// holds nested keys, stored as "key.nested".</summary>
    private static Dictionary<string, Dictionary<string, string>> ParseSections(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        string? parentKey = null;
        foreach (var rawLine in lines)
        {
            var line = rawLine.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';') continue;

            if (trimmed[0] == '[' && trimmed.EndsWith("]", StringComparison.Ordinal))
            {
                var header = string.Join(" ", trimmed.Substring(1, trimmed.Length - 2)
                    .Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));
                if (!sections.TryGetValue(header, out current)) sections[header] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                parentKey = null;
                continue;
            }

            var equals = trimmed.IndexOf('=');
            if (current == null || equals <= 0) continue;
            var key = trimmed.Substring(0, equals).Trim();
            var value = trimmed.Substring(equals + 1).Trim();
            var indented = line.Length > trimmed.Length;
            if (indented && parentKey != null)
            {
                current[parentKey + "." + key] = value;
                continue;
            }

            current[key] = value;
            parentKey = value.Length == 0 ? key : null;
        }

        return sections;
    }

    private static string? Setting(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static bool? Flag(IReadOnlyDictionary<string, string> settings, string key) =>
        Setting(settings, key) is { } value ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) : null;
}
