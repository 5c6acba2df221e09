using System.Runtime.CompilerServices;

namespace ModelRegistry.Core.Tests.Client;

internal static class TestEnvironment
{
    /// <summary>Before any HttpClient exists: the SDK honours proxies even for loopback, and IMDS would hang.</summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
