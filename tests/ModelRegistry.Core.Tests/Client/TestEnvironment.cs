using System.Runtime.CompilerServices;

namespace ModelRegistry.Core.Tests.Client;

internal static class TestEnvironment
{
    /// <summary>Before any HttpClient exists: the SDK honours proxies even for loopback, and IMDS would hang.
    /// The shared credentials and config files are the run's own, empty unless a test writes them: the SDK
    /// takes their location once per process (and only if the files exist then), and the developer's
    /// ~/.aws must not change results.</summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var folder = Directory.CreateTempSubdirectory("mr-core-tests-aws-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        foreach (var (variable, file) in new[] { ("AWS_SHARED_CREDENTIALS_FILE", "credentials"), ("AWS_CONFIG_FILE", "config") })
        {
            File.WriteAllText(Path.Combine(folder, file), "");
            Environment.SetEnvironmentVariable(variable, Path.Combine(folder, file));
        }
    }
}
