using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// Checks, before any call, what a profile's credentials need from a person: an IAM Identity Center
/// (SSO) token that only <c>aws sso login</c> can create, or an MFA code, asked through the caller's
/// prompt and refused where nobody can answer. Follows source_profile chains, so a role assumed from
/// an SSO profile is checked too.
/// </summary>
public static class ProfileCredentialCheck
{
    /// <summary>Checks <paramref name="profile"/> and the profiles it sources.</summary>
    /// <param name="mfaCodePrompt">Asks for the MFA code of (profile name, mfa_serial); null, or a null
    /// answer, where nobody can answer.</param>
    /// <returns>The MFA code entered, for <see cref="UseMfaCode"/>; null when no profile needs one.</returns>
    /// <exception cref="ModelRegistryException">The profile (or one it sources) cannot work as things are.</exception>
    public static string? Verify(CredentialProfile profile, ICredentialProfileSource profiles, DateTimeOffset now,
        Func<string, string, string?>? mfaCodePrompt)
    {
        string? mfaCode = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = profile; current != null && seen.Add(current.Name);)
        {
            var options = current.Options;
            if (!string.IsNullOrEmpty(options.MfaSerial) && mfaCode == null)
            {
                mfaCode = mfaCodePrompt?.Invoke(current.Name, options.MfaSerial)?.Trim();
                if (string.IsNullOrEmpty(mfaCode))
                    throw new ConfigurationException(ErrorIds.MfaCodeRequired,
                        $"Profile '{current.Name}' assumes a role with MFA (mfa_serial = {options.MfaSerial}) and no code " +
                        "was entered: a non-interactive session cannot be asked for one. Use temporary credentials instead, " +
                        "e.g. 'aws sts get-session-token --serial-number ... --token-code ...' into a profile without mfa_serial.",
                        "ProfileName", current.Name);
            }

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

        return mfaCode;
    }

    /// <summary>Gives <paramref name="mfaCode"/> to every role of the credentials' chain that asks for MFA.</summary>
    public static void UseMfaCode(AWSCredentials credentials, string? mfaCode)
    {
        if (mfaCode == null) return;
        for (var current = credentials as AssumeRoleAWSCredentials; current != null; current = current.SourceCredentials as AssumeRoleAWSCredentials)
        {
            if (!string.IsNullOrEmpty(current.Options.MfaSerialNumber))
                current.Options.MfaTokenCodeCallback = () => mfaCode;
        }
    }
}
