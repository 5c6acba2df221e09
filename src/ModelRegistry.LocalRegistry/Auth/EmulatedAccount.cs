namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>An account of the local registry with its long-term access key.</summary>
public sealed record EmulatedAccount(string Name, string AccountId, string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Account keys act as the account root, as root access keys do in AWS.</summary>
    public string RootArn => $"arn:aws:iam::{AccountId}:root";
}
