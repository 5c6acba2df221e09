using Amazon.Runtime;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>One account of a running local registry, with the test keys that sign as it.</summary>
public sealed class LocalRegistryAccount
{
    public LocalRegistryAccount(string name, string accountId, string accessKeyId, string secretAccessKey)
    {
        Name = name;
        AccountId = accountId;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        Credential = new BasicAWSCredentials(accessKeyId, secretAccessKey);
    }

    public string Name { get; }
    public string AccountId { get; }
    public string AccessKeyId { get; }
    public string SecretAccessKey { get; }

    /// <summary>Ready for -Credential on any MR cmdlet.</summary>
    public AWSCredentials Credential { get; }

    public override string ToString() => $"{Name} ({AccountId})";
}
