using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>The local registry as its own process (<c>dotnet ModelRegistry.LocalRegistry.dll ...</c>), as
/// the module and the demo start it: for tests that kill it or check what it prints.</summary>
public sealed partial class RegistryProcess : IDisposable
{
    private RegistryProcess(Process process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public Process Process { get; }
    public Uri BaseAddress { get; }

    /// <summary>Starts the registry with <paramref name="arguments"/> and waits for its "Listening on" line.</summary>
    public static async Task<RegistryProcess> StartAsync(params string[] arguments)
    {
        var process = Start(arguments);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var match = ListeningLine().Match(line ?? string.Empty);
        if (!match.Success)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Expected 'Listening on http://127.0.0.1:<port>', got '{line}'. Stderr: {await process.StandardError.ReadToEndAsync()}");
        }

        return new RegistryProcess(process, new Uri(match.Groups["url"].Value));
    }

    /// <summary>Starts the registry without waiting for it, for tests of its exit.</summary>
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ModelRegistry.LocalRegistry.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the registry process.");
    }

    public SageMakerTestClient Client(TestAccount? account = null) => new(BaseAddress, account ?? TestAccount.Registry, "us-east-1");

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public void Kill()
    {
        Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Kill();
        }

        Process.Dispose();
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    [GeneratedRegex(@"^Listening on (?<url>http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();
}
