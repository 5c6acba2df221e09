using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>Resolves region, credentials and endpoint in the order AWS Tools for PowerShell uses:
/// parameters, then session defaults (in the order given), then the AWS SDK's default chains
/// (environment, shared files, SSO, web identity, container and instance metadata).</summary>
public static class ConnectionResolver
{
    public const string UseFipsVariable = "AWS_USE_FIPS_ENDPOINT";
    public const string UseDualStackVariable = "AWS_USE_DUALSTACK_ENDPOINT";

    private static readonly Regex RegionName = new(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant);

    /// <summary>What a connection's credential source says when none were found (Get-MRConfiguration reports it).</summary>
    public const string NoCredentialsSource =
        "none found (tried: -AccessKey/-SecretKey, -ProfileName, -Credential, Start-MRLocalRegistry, $StoredAWSCredentials, " +
        "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the default profile of the shared credentials and config files, " +
        "web identity (AWS_WEB_IDENTITY_TOKEN_FILE), container credentials, instance metadata)";

    /// <summary>The credentials alone (for a report when no region can be found), missing ones reported as such.</summary>
    internal static (AWSCredentials Credentials, string Source, string? ProfileName) ResolveCredentialsForReport(
        ConnectionParameters parameters, IReadOnlyList<SessionDefault> sessionDefaults)
    {
        var profile = FindProfile(parameters);
        try
        {
            var (credentials, source) = ResolveCredentials(parameters, profile, sessionDefaults);
            return (credentials, source, profile?.Name);
        }
        catch (ConfigurationException e) when (e.ErrorId == ErrorIds.NoCredentials)
        {
            return (new AnonymousAWSCredentials(), NoCredentialsSource, profile?.Name);
        }
    }

    /// <param name="reportMissingCredentials">No credentials anywhere is not an error: the connection has
    /// anonymous credentials and <see cref="NoCredentialsSource"/> as their source.</param>
    public static ResolvedConnection Resolve(ConnectionParameters parameters, IReadOnlyList<SessionDefault> sessionDefaults,
        bool reportMissingCredentials = false)
    {
        if (parameters == null) throw new ArgumentNullException(nameof(parameters));
        if (sessionDefaults == null) throw new ArgumentNullException(nameof(sessionDefaults));

        var profile = FindProfile(parameters);
        AWSCredentials credentials;
        string credentialSource;
        try
        {
            (credentials, credentialSource) = ResolveCredentials(parameters, profile, sessionDefaults);
        }
        catch (ConfigurationException e) when (reportMissingCredentials && e.ErrorId == ErrorIds.NoCredentials)
        {
            (credentials, credentialSource) = (new AnonymousAWSCredentials(), NoCredentialsSource);
        }

        var (region, regionSource) = ResolveRegion(parameters, profile, credentials, sessionDefaults);
        var (endpointUrl, endpointSource) = ResolveEndpoint(parameters, credentials, sessionDefaults);
        return new ResolvedConnection(region, regionSource, credentials, credentialSource,
            endpointUrl, endpointSource, profile?.Name, ResolveEndpointOptions(parameters));
    }

    /// <summary>FIPS and dual-stack as the AWS SDKs resolve them: parameter, environment, then the
    /// profile of the shared config; that profile's endpoint_url and services section come along.</summary>
    private static EndpointOptions ResolveEndpointOptions(ConnectionParameters parameters)
    {
        var configProfile = SharedConfigProfile.Read(parameters.ProfileName ?? DefaultAWSCredentialsIdentityResolver.GetProfileName());
        return new EndpointOptions(
            parameters.UseFipsEndpoint ?? EnvironmentFlag(UseFipsVariable) ?? configProfile?.UseFipsEndpoint ?? false,
            parameters.UseDualStackEndpoint ?? EnvironmentFlag(UseDualStackVariable) ?? configProfile?.UseDualStackEndpoint ?? false,
            configProfile);
    }

    private static bool? EnvironmentFlag(string variable) =>
        Environment.GetEnvironmentVariable(variable)?.Trim() is { Length: > 0 } value
            ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
            : null;

    private static CredentialProfile? FindProfile(ConnectionParameters parameters)
    {
        if (string.IsNullOrEmpty(parameters.ProfileName))
        {
            if (!string.IsNullOrEmpty(parameters.ProfileLocation))
                throw new ConfigurationException(ErrorIds.ProfileLocationWithoutProfileName,
                    "-ProfileLocation needs -ProfileName: name the profile to read from that file.",
                    "ProfileLocation", parameters.ProfileLocation);
            return null;
        }

        var chain = new CredentialProfileStoreChain(parameters.ProfileLocation);
        if (chain.TryGetProfile(parameters.ProfileName, out var profile)) return profile;

        var where = string.IsNullOrEmpty(parameters.ProfileLocation)
            ? "the shared credentials and config files"
            : $"'{parameters.ProfileLocation}'";
        throw new ConfigurationException(ErrorIds.ProfileNotFound,
            $"-ProfileName: no profile named '{parameters.ProfileName}' was found in {where}.",
            "ProfileName", parameters.ProfileName);
    }

    private static (AWSCredentials, string) ResolveCredentials(
        ConnectionParameters parameters, CredentialProfile? profile, IReadOnlyList<SessionDefault> sessionDefaults)
    {
        if (!string.IsNullOrEmpty(parameters.AccessKey) || !string.IsNullOrEmpty(parameters.SecretKey))
            return (FromKeys(parameters), "parameters (-AccessKey/-SecretKey)");

        if (!string.IsNullOrEmpty(parameters.SessionToken))
            throw new ConfigurationException(ErrorIds.SessionTokenWithoutKeys,
                "-SessionToken needs -AccessKey and -SecretKey.", "SessionToken");

        if (profile != null)
        {
            var chain = new CredentialProfileStoreChain(parameters.ProfileLocation);
            var mfaCode = ProfileCredentialCheck.Verify(profile, chain, DateTimeOffset.UtcNow, parameters.MfaCodePrompt);
            if (!AWSCredentialsFactory.TryGetAWSCredentials(profile, chain, out var fromProfile))
                throw new ConfigurationException(ErrorIds.ProfileHasNoCredentials,
                    $"-ProfileName: profile '{profile.Name}' exists but holds no usable credentials.",
                    "ProfileName", profile.Name);
            ProfileCredentialCheck.UseMfaCode(fromProfile, mfaCode);
            return (fromProfile, CredentialSourceName.OfProfile(profile.Name, fromProfile));
        }

        if (parameters.Credential != null)
            return (CredentialShape.From(parameters.Credential) ?? throw new ConfigurationException(ErrorIds.InvalidCredential,
                $"-Credential: a {parameters.Credential.GetType().Name} is not AWS credentials; give an AWSCredentials object (any AWS SDK copy), " +
                "AWS.Tools' credentials (Get-AWSCredential) or a local registry account's Credential.", "Credential", parameters.Credential.GetType().FullName),
                "parameter (-Credential)");

        foreach (var sessionDefault in sessionDefaults)
            if (sessionDefault.Credentials != null) return (sessionDefault.Credentials, sessionDefault.Source);

        try
        {
            var fromChain = DefaultCredentialChain.GetCredentials();
            if (CredentialSourceName.IsFromProfile(fromChain))
                ProfileCredentialCheck.UseMfaCode(fromChain, VerifyDefaultProfile(parameters.MfaCodePrompt));
            return (fromChain, CredentialSourceName.OfDefaultChain(fromChain, DefaultAWSCredentialsIdentityResolver.GetProfileName()));
        }
        catch (AmazonClientException e)
        {
            VerifyDefaultProfile(parameters.MfaCodePrompt);
            throw new ConfigurationException(ErrorIds.NoCredentials,
                "No AWS credentials were found: pass -ProfileName, -Credential or -AccessKey/-SecretKey, " +
                "run Set-AWSCredential or Start-MRLocalRegistry, or configure the AWS SDK's default chain. " +
                "(" + e.Message + ")");
        }
    }

    private static AWSCredentials FromKeys(ConnectionParameters parameters)
    {
        if (string.IsNullOrEmpty(parameters.AccessKey))
            throw new ConfigurationException(ErrorIds.IncompleteAccessKey, "-SecretKey needs -AccessKey.", "AccessKey");
        if (string.IsNullOrEmpty(parameters.SecretKey))
            throw new ConfigurationException(ErrorIds.IncompleteAccessKey, "-AccessKey needs -SecretKey.", "SecretKey");
        return string.IsNullOrEmpty(parameters.SessionToken)
            ? new BasicAWSCredentials(parameters.AccessKey, parameters.SecretKey)
            : new SessionAWSCredentials(parameters.AccessKey, parameters.SecretKey, parameters.SessionToken);
    }

    /// <summary>The profile the SDK's chain reads (AWS_PROFILE, else default), checked as -ProfileName is.</summary>
    /// <returns>The MFA code entered for it, if it needs one.</returns>
    private static string? VerifyDefaultProfile(Func<string, string, string?>? mfaCodePrompt)
    {
        var chain = new CredentialProfileStoreChain();
        return chain.TryGetProfile(DefaultAWSCredentialsIdentityResolver.GetProfileName(), out var profile)
            ? ProfileCredentialCheck.Verify(profile, chain, DateTimeOffset.UtcNow, mfaCodePrompt)
            : null;
    }

    private static (RegionEndpoint, string) ResolveRegion(
        ConnectionParameters parameters, CredentialProfile? profile, AWSCredentials credentials, IReadOnlyList<SessionDefault> sessionDefaults)
    {
        if (!string.IsNullOrEmpty(parameters.Region))
            return (ParseRegion(parameters.Region!, "Region"), "parameter (-Region)");

        if (profile?.Region != null) return (profile.Region, $"profile '{profile.Name}'");

        // A default that brings its own endpoint (the local registry) sets the region only for calls that go there.
        foreach (var sessionDefault in sessionDefaults)
            if (!string.IsNullOrEmpty(sessionDefault.Region)
                && (string.IsNullOrEmpty(sessionDefault.EndpointUrl) || sessionDefault.EndpointServes(credentials)))
                return (ParseRegion(sessionDefault.Region!, null), sessionDefault.Source);

        // The AWS CLI and boto3 read AWS_DEFAULT_REGION, the .NET SDK only AWS_REGION: a CI step set up for the CLI
        // works here too, with AWS_REGION first and both before the shared config file, as for the CLI. Both are
        // read here, not by the SDK, which takes any text in AWS_REGION and signs for it.
        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
                return (ParseRegion(value, null, variable), $"environment variable {variable}");

        // The SDK caches what it found; reset so a changed config file is seen.
        FallbackRegionFactory.Reset();
        var fromChain = FallbackRegionFactory.GetRegionEndpoint();
        if (fromChain != null) return (fromChain, "SDK default chain (shared config or instance metadata)");

        throw new ConfigurationException(ErrorIds.NoRegion,
            "No AWS region was found: pass -Region, run Set-DefaultAWSRegion, set AWS_REGION or AWS_DEFAULT_REGION, " +
            "or set a region in the shared config file.", "Region");
    }

    private static RegionEndpoint ParseRegion(string name, string? parameterName, string? variable = null)
    {
        if (!RegionName.IsMatch(name))
            throw new ConfigurationException(ErrorIds.InvalidRegion,
                $"{(parameterName == null ? variable ?? "Region" : "-" + parameterName)}: '{name}' is not a region name " +
                "(expected a system name such as 'us-east-1').", parameterName, name);
        return RegionEndpoint.GetBySystemName(name);
    }

    /// <summary>-EndpointUrl, else a session default's endpoint, but only for credentials that
    /// endpoint knows: real keys given while the local registry runs still go to AWS.</summary>
    private static (string?, string?) ResolveEndpoint(
        ConnectionParameters parameters, AWSCredentials credentials, IReadOnlyList<SessionDefault> sessionDefaults)
    {
        if (!string.IsNullOrEmpty(parameters.EndpointUrl))
            return (CheckEndpoint(parameters.EndpointUrl!), "parameter (-EndpointUrl)");
        foreach (var sessionDefault in sessionDefaults)
            if (!string.IsNullOrEmpty(sessionDefault.EndpointUrl) && sessionDefault.EndpointServes(credentials))
                return (sessionDefault.EndpointUrl, sessionDefault.Source);
        return (null, null);
    }

    private static string CheckEndpoint(string endpointUrl)
    {
        if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new ConfigurationException(ErrorIds.InvalidEndpointUrl,
                $"-EndpointUrl: '{endpointUrl}' is not an absolute http or https URL.", "EndpointUrl", endpointUrl);
        return endpointUrl;
    }
}
