using System.Collections.Generic;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>What Get-MRConfiguration shows: where calls would go and as whom, never a secret.</summary>
public sealed class ConnectionReport
{
    public ConnectionReport(ResolvedConnection connection, string sageMakerEndpoint, string endpointSource)
    {
        Region = connection.Region.SystemName;
        RegionSource = connection.RegionSource;
        CredentialSource = connection.CredentialSource;
        ProfileName = connection.ProfileName;
        AccessKeyId = MaskedAccessKeyId(connection.Credentials);
        EndpointUrl = sageMakerEndpoint;
        EndpointSource = endpointSource;
        UseFipsEndpoint = connection.EndpointOptions.UseFipsEndpoint;
        UseDualStackEndpoint = connection.EndpointOptions.UseDualStackEndpoint;
    }

    /// <summary>What Get-MRConfiguration reports: missing credentials or a missing region are said, not thrown
    /// (a fresh machine or CI agent is exactly where a user asks); bad parameters still throw.</summary>
    public static ConnectionReport Resolve(ConnectionParameters parameters, IReadOnlyList<SessionDefault> sessionDefaults)
    {
        try
        {
            return For(ConnectionResolver.Resolve(parameters, sessionDefaults, reportMissingCredentials: true));
        }
        catch (ConfigurationException e) when (e.ErrorId == ErrorIds.NoRegion)
        {
            var (credentials, source, profileName) = ConnectionResolver.ResolveCredentialsForReport(parameters, sessionDefaults);
            return new ConnectionReport(source, profileName, MaskedAccessKeyId(credentials), e.Message);
        }
    }

    private ConnectionReport(string credentialSource, string? profileName, string? accessKeyId, string noRegion)
    {
        Region = null;
        RegionSource = "none found: " + noRegion;
        CredentialSource = credentialSource;
        ProfileName = profileName;
        AccessKeyId = accessKeyId;
        EndpointUrl = null;
        EndpointSource = "no region, so no endpoint";
    }

    /// <summary>The report for <paramref name="connection"/>: the SageMaker endpoint as a call would resolve it.</summary>
    /// <exception cref="Endpoints.EndpointRuleException">The endpoint rules refuse the settings.</exception>
    public static ConnectionReport For(ResolvedConnection connection)
    {
        var endpoint = EndpointResolution.Resolve(JsonServiceDescriptor.SageMaker, connection.ToConnection());
        var source = connection.EndpointUrl != null ? connection.EndpointSource!
            : endpoint.IsOverride ? endpoint.Source.StartsWith(EndpointResolution.GlobalVariable) ? "environment variable " + endpoint.Source : endpoint.Source
            : "regional endpoint";
        return new ConnectionReport(connection, endpoint.Url, source);
    }

    /// <summary>Null when no region was found (RegionSource says where it looked).</summary>
    public string? Region { get; }
    public string RegionSource { get; }
    public string CredentialSource { get; }
    public string? ProfileName { get; }

    /// <summary>The access key id with all but its last four characters masked, as `aws configure
    /// list` shows it; null for credentials that would need a network call to learn it.</summary>
    public string? AccessKeyId { get; }

    /// <summary>The SageMaker endpoint calls go to.</summary>
    public string? EndpointUrl { get; }
    public string EndpointSource { get; }
    public bool UseFipsEndpoint { get; }
    public bool UseDualStackEndpoint { get; }

    private static string? MaskedAccessKeyId(AWSCredentials credentials)
    {
        if (credentials is RefreshingAWSCredentials or AnonymousAWSCredentials) return null;
        var keyId = credentials.GetCredentials()?.AccessKey;
        if (string.IsNullOrEmpty(keyId)) return null;
        return keyId!.Length <= 4 ? keyId : new string('*', keyId.Length - 4) + keyId.Substring(keyId.Length - 4);
    }
}
