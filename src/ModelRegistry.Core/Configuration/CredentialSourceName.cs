using Amazon.Runtime;

namespace ModelRegistry.Core.Configuration;

/// <summary>How Get-MRConfiguration and -Debug name where credentials came from: the profile or
/// variable, and the kind of source (IAM Identity Center, assumed role, web identity, process, ...).</summary>
public static class CredentialSourceName
{
    public static string OfProfile(string profileName, AWSCredentials credentials) =>
        Kind(credentials) is { } kind ? $"profile '{profileName}' ({kind})" : $"profile '{profileName}'";

    public static string OfDefaultChain(AWSCredentials credentials, string profileName) => credentials switch
    {
        EnvironmentVariablesAWSCredentials => "environment variables (AWS_ACCESS_KEY_ID)",
        AssumeRoleWithWebIdentityCredentials webIdentity =>
            $"web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), role {webIdentity.RoleArn}",
        GenericContainerCredentials => "container credentials (ECS/EKS)",
        InstanceProfileAWSCredentials => "instance profile (EC2 instance metadata)",
        _ => $"profile '{profileName}' (SDK default chain{(Kind(credentials) is { } kind ? "; " + kind : "")})",
    };

    /// <summary>Whether the SDK's chain took <paramref name="credentials"/> from a shared-file profile.</summary>
    public static bool IsFromProfile(AWSCredentials credentials) => credentials is not (
        EnvironmentVariablesAWSCredentials or AssumeRoleWithWebIdentityCredentials
        or GenericContainerCredentials or InstanceProfileAWSCredentials);

    /// <summary>The kind of a source that is more than keys written in the profile; null for keys.</summary>
    private static string? Kind(AWSCredentials credentials) => credentials switch
    {
        SSOAWSCredentials sso => $"IAM Identity Center, account {sso.AccountId}, role {sso.RoleName}",
        AssumeRoleAWSCredentials role => $"assumed role {role.RoleArn}",
        AssumeRoleWithWebIdentityCredentials webIdentity => $"web identity, role {webIdentity.RoleArn}",
        ProcessAWSCredentials => "credential_process",
        GenericContainerCredentials => "container credentials",
        InstanceProfileAWSCredentials => "instance profile",
        _ => null,
    };
}
