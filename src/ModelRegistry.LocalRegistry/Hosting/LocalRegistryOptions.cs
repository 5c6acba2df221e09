namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>How the local registry runs; filled from the command line by <see cref="CommandLine"/>.</summary>
public sealed class LocalRegistryOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>Folder of the SQLite store; null keeps state in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>JSON file of accounts and keys; null uses the documented seed accounts.</summary>
    public string? AccountsFile { get; set; }

    /// <summary>Region used where a request names none (admin endpoints, unsigned errors).</summary>
    public string DefaultRegion { get; set; } = "us-east-1";

    /// <summary>The registry stops when this process exits, so a crashed parent leaves no orphan.</summary>
    public int? ParentProcessId { get; set; }

    /// <summary>Requests per second allowed per account, region and operation (named as in its service model).</summary>
    public Dictionary<string, double> RateLimits { get; } = new(StringComparer.Ordinal);
}
