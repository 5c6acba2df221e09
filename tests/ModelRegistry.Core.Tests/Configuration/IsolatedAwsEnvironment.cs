using Xunit;

namespace ModelRegistry.Core.Tests.Configuration;

/// <summary>Tests that read the process environment or the shared AWS files run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>An empty AWS environment for one test: the AWS variables cleared and the run's shared
/// credentials and config files (see <c>TestEnvironment</c>) empty, all restored on dispose.</summary>
public sealed class IsolatedAwsEnvironment : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_EC2_METADATA_DISABLED",
    ];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);

    public IsolatedAwsEnvironment()
    {
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        CredentialsFile = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")!;
        ConfigFile = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE")!;
        Set("AWS_EC2_METADATA_DISABLED", "true");
        Clear();
    }

    public string CredentialsFile { get; }
    public string ConfigFile { get; }

    public void Set(string variable, string? value) => Environment.SetEnvironmentVariable(variable, value);

    /// <summary>A file beside the shared ones, e.g. for -ProfileLocation.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Path.GetDirectoryName(CredentialsFile)!, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Clear();
    }

    private void Clear()
    {
        File.WriteAllText(CredentialsFile, "");
        File.WriteAllText(ConfigFile, "");
    }
}
