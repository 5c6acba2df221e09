using System;
using System.Collections.Generic;
using Amazon.Runtime.CredentialManagement;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// Checks, before any call, what a profile's credentials need that a non-interactive module cannot
/// supply: an IAM Identity Center (SSO) token that only <c>aws sso login</c> can create, or an MFA
/// code. Follows source_profile chains, so a role assumed from an SSO profile is checked too.
/// </summary>
public static class ProfileCredentialCheck
{
    /// <exception cref="ModelRegistryException">The profile (or one it sources) cannot work without a person.</exception>
    public static void Verify(CredentialProfile profile, ICredentialProfileSource profiles, DateTimeOffset now)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = profile; current != null && seen.Add(current.Name);)
        {
            var options = current.Options;
            if (!string.IsNullOrEmpty(options.MfaSerial))
                throw new ConfigurationException(ErrorIds.MfaCodeRequired,
                    $"Profile '{current.Name}' assumes a role with MFA (mfa_serial = {options.MfaSerial}), and ModelRegistry " +
                    "cannot prompt for a code: it runs non-interactively. Use temporary credentials instead, e.g. " +
                    "'aws sts get-session-token --serial-number ... --token-code ...' into a profile without mfa_serial.",
                    "ProfileName", current.Name);

            if (!string.IsNullOrEmpty(options.SsoStartUrl) || !string.IsNullOrEmpty(options.SsoSession))
            {
                var problem = SsoTokenCache.Problem(options.SsoSession, options.SsoStartUrl, now);
                if (problem != null)
                    throw new ModelRegistryException(ErrorIds.SsoLoginRequired, ErrorKind.Authentication,
                        $"Profile '{current.Name}' signs in with IAM Identity Center and {problem}: " +
                        $"run 'aws sso login --profile {current.Name}', then try again.",
                        "ProfileName", current.Name);
            }

            current = string.IsNullOrEmpty(options.SourceProfile) || !profiles.TryGetProfile(options.SourceProfile, out var source)
                ? null
                : source;
        }
    }
}
