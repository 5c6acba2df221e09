using System.Collections.Generic;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// The credentials a cross-account command was given: per account (-RegistryCredential,
/// -TrainingProfileName, ...) and the common ones (the usual parameters and session defaults).
/// Explicit per-account credentials come first; the common ones serve a side without them, and may
/// be absent when one side is explicit.
/// </summary>
public sealed class CrossAccountConnections
{
    internal CrossAccountConnections(ResolvedConnection? registry, ResolvedConnection? training, ResolvedConnection? common)
    {
        Registry = registry;
        Training = training;
        Common = common;
    }

    public ResolvedConnection? Registry { get; }

    public ResolvedConnection? Training { get; }

    /// <summary>Credentials not tied to a side: their account decides which side they serve.</summary>
    public ResolvedConnection? Common { get; }

    /// <summary>Any of the three: where calls go and in which region.</summary>
    public ResolvedConnection Any => (Registry ?? Training ?? Common)!;

    /// <exception cref="ConfigurationException">A parameter is wrong, or no credentials exist at all.</exception>
    public static CrossAccountConnections Resolve(
        ConnectionParameters common,
        string? registryProfileName, object? registryCredential,
        string? trainingProfileName, object? trainingCredential,
        IReadOnlyList<SessionDefault> sessionDefaults)
    {
        var registry = ResolveSide(common, registryProfileName, registryCredential, sessionDefaults);
        var training = ResolveSide(common, trainingProfileName, trainingCredential, sessionDefaults);
        if (registry != null && training != null) return new CrossAccountConnections(registry, training, null);
        var shared = common.ForCommonCredentials(!string.IsNullOrEmpty(registryProfileName) || !string.IsNullOrEmpty(trainingProfileName));
        try
        {
            return new CrossAccountConnections(registry, training, ConnectionResolver.Resolve(shared, sessionDefaults));
        }
        catch (ConfigurationException e) when (e.ErrorId == ErrorIds.NoCredentials && (registry ?? training) != null)
        {
            return new CrossAccountConnections(registry, training, null);
        }
    }

    /// <summary>An account's own credentials with the command's region, endpoint, FIPS/dual-stack choice and MFA
    /// prompt; -ProfileLocation is where its profile is, so an account given a credential object ignores it.</summary>
    private static ResolvedConnection? ResolveSide(ConnectionParameters common, string? profileName, object? credential,
        IReadOnlyList<SessionDefault> sessionDefaults) =>
        string.IsNullOrEmpty(profileName) && credential == null
            ? null
            : ConnectionResolver.Resolve(
                new ConnectionParameters
                {
                    Region = common.Region,
                    ProfileName = profileName,
                    ProfileLocation = string.IsNullOrEmpty(profileName) ? null : common.ProfileLocation,
                    Credential = credential,
                    EndpointUrl = common.EndpointUrl,
                    UseFipsEndpoint = common.UseFipsEndpoint,
                    UseDualStackEndpoint = common.UseDualStackEndpoint,
                    MfaCodePrompt = common.MfaCodePrompt,
                },
                sessionDefaults);
}
