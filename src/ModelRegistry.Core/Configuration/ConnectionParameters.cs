using System;
using Amazon.Runtime;

namespace ModelRegistry.Core.Configuration;

/// <summary>What a caller said explicitly about where and as whom to call AWS: the common
/// parameters every cmdlet has, with the same names and meaning as AWS Tools for PowerShell.</summary>
public sealed class ConnectionParameters
{
    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? ProfileLocation { get; set; }
    /// <summary>Credentials of any AWS SDK copy or AWS.Tools' AWSPSCredentials, read by shape (<see cref="CredentialShape"/>).</summary>
    public object? Credential { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }
    public string? EndpointUrl { get; set; }

    /// <summary>Null: AWS_USE_FIPS_ENDPOINT, then the profile's use_fips_endpoint.</summary>
    public bool? UseFipsEndpoint { get; set; }

    /// <summary>Null: AWS_USE_DUALSTACK_ENDPOINT, then the profile's use_dualstack_endpoint.</summary>
    public bool? UseDualStackEndpoint { get; set; }

    /// <summary>Asks a person for the MFA code of a profile with mfa_serial: (profile name, mfa_serial)
    /// → code, or null where nobody can answer. Called on the resolving thread; null: refuse such profiles.</summary>
    public Func<string, string, string?>? MfaCodePrompt { get; set; }

    /// <summary>These parameters for the common credentials of a command whose -ProfileLocation may name the file of
    /// other profiles (an account's own, a copy's source): without -ProfileName the file is theirs, not the common
    /// credentials' (which alone it would be refused for).</summary>
    public ConnectionParameters ForCommonCredentials(bool otherProfilesNamed)
    {
        if (!otherProfilesNamed || !string.IsNullOrEmpty(ProfileName)) return this;
        var common = (ConnectionParameters)MemberwiseClone();
        common.ProfileLocation = null;
        return common;
    }
}
