using System.Collections.Generic;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>How to start a local registry server process.</summary>
public sealed class LocalRegistryStartOptions
{
    public LocalRegistryStartOptions(string serverAssemblyPath) => ServerAssemblyPath = serverAssemblyPath;

    /// <summary>ModelRegistry.LocalRegistry.dll, run with the dotnet host.</summary>
    public string ServerAssemblyPath { get; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>A folder for SQLite state that survives restarts; null keeps state in memory.</summary>
    public string? DataPath { get; set; }

    /// <summary>A JSON accounts file replacing the two seed accounts.</summary>
    public string? AccountsFile { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>The server exits when this process does (the PowerShell session that started it).</summary>
    public int? ParentProcessId { get; set; }

    /// <summary>Requests per second per account, region and operation; checked by <see cref="LocalRegistryRateLimits.Validate"/>.</summary>
    public IReadOnlyDictionary<string, double> RateLimits { get; set; } = new Dictionary<string, double>();
}
