using System.Collections.Generic;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>The dotnet host and ASP.NET Core runtime the local registry would run on, with every place
/// searched; when none is usable, <see cref="Problem"/> says what to install.</summary>
public sealed class LocalRegistryRuntime
{
    internal LocalRegistryRuntime(string? hostPath, string? aspNetCoreVersion, string? foundBy, IReadOnlyList<string> searched, string? problem)
    {
        HostPath = hostPath;
        AspNetCoreVersion = aspNetCoreVersion;
        FoundBy = foundBy;
        Searched = new TextList<string>(searched);
        Problem = problem;
    }

    /// <summary>The dotnet executable that starts the server; null when none is usable.</summary>
    public string? HostPath { get; }

    /// <summary>The newest Microsoft.AspNetCore.App of that installation, which the server rolls forward to.</summary>
    public string? AspNetCoreVersion { get; }

    /// <summary>How the host was found: DOTNET_ROOT, DOTNET_HOST_PATH, this process, an install folder, PATH.</summary>
    public string? FoundBy { get; }

    /// <summary>Each place looked at, in order, with what it holds.</summary>
    public TextList<string> Searched { get; }

    /// <summary>One line saying what is missing, what to install and how to check; null when usable.</summary>
    public string? Problem { get; }

    public bool IsUsable => HostPath != null;
}
