using Xunit;

namespace ModelRegistry.Core.Tests.Configuration;

/// <summary>Tests that read the process environment or the shared AWS files run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>An empty AWS environment for one test: the AWS variables cleared, the shared credentials
/// and config files pointed at empty files, all restored on dispose. The files stay at one path for
/// the whole run because the SDK reads AWS_SHARED_CREDENTIALS_FILE once per process.</summary>
public sealed class IsolatedAwsEnvironment : IDisposable
{
    private static readonly string[] Variables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL",
        "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_EC2_METADATA_DISABLED",
    ];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private static readonly Lazy<string> SharedFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("mr-aws-env-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    private readonly string _folder = SharedFolder.Value;

    public IsolatedAwsEnvironment()
    {
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        CredentialsFile = Path.Combine(_folder, "credentials");
        ConfigFile = Path.Combine(_folder, "config");
        File.WriteAllText(CredentialsFile, "");
        File.WriteAllText(ConfigFile, "");
        Set("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
        Set("AWS_CONFIG_FILE", ConfigFile);
        Set("AWS_EC2_METADATA_DISABLED", "true");
    }

    public string CredentialsFile { get; }
    public string ConfigFile { get; }

    public void Set(string variable, string? value) => Environment.SetEnvironmentVariable(variable, value);

    /// <summary>A file of the test's own, e.g. for -ProfileLocation.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        foreach (var file in Directory.GetFiles(_folder))
        {
            File.Delete(file);
        }
    }
}
