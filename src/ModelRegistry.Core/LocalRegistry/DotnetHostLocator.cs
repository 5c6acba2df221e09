using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>Finds the dotnet host with an ASP.NET Core runtime the local registry can run on, where the
/// .NET host itself looks: DOTNET_ROOT_&lt;ARCH&gt; or DOTNET_ROOT (used alone when set, as the apphost
/// does), then DOTNET_HOST_PATH, this process when it is dotnet, the registered and default install
/// folders, and PATH. Its inputs are given, so tests can point it anywhere.</summary>
public sealed class DotnetHostLocator
{
    /// <summary>The server targets net8.0 and rolls forward to any newer major version.</summary>
    public static readonly Version MinimumAspNetCore = new(8, 0);

    private const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    private readonly Func<string, string?> _environment;
    private readonly string? _processPath;
    private readonly IReadOnlyList<string> _installFolders;
    private readonly bool _isWindows;
    private readonly string _architecture;

    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="processPath">The executable of this process (dotnet under <c>dotnet pwsh</c>).</param>
    /// <param name="installFolders">The registered and default install folders of this platform, in order.</param>
    /// <param name="isWindows">Whether the host is dotnet.exe and PATH entries are case-insensitive.</param>
    /// <param name="architecture">The process architecture, for DOTNET_ROOT_&lt;ARCH&gt;.</param>
    public DotnetHostLocator(Func<string, string?> environment, string? processPath, IReadOnlyList<string> installFolders,
        bool isWindows, Architecture architecture)
    {
        _environment = environment;
        _processPath = processPath;
        _installFolders = installFolders;
        _isWindows = isWindows;
        _architecture = architecture.ToString().ToUpperInvariant();
    }

    public static DotnetHostLocator ForCurrentProcess()
    {
        string? processPath;
        using (var self = Process.GetCurrentProcess()) processPath = self.MainModule?.FileName;
        var isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var architecture = RuntimeInformation.ProcessArchitecture;
        return new DotnetHostLocator(Environment.GetEnvironmentVariable, processPath,
            InstallFolders(isWindows, architecture, Environment.GetEnvironmentVariable), isWindows, architecture);
    }

    /// <summary>The registered install location (Linux, macOS), the installers' default folder and the
    /// dotnet-install scripts' default folder of this platform.</summary>
    /// <param name="registeredLocation">Reads the first line of an <c>/etc/dotnet</c> registration file, null when
    /// there is none (the file itself by default).</param>
    public static IReadOnlyList<string> InstallFolders(bool isWindows, Architecture architecture, Func<string, string?> environment,
        Func<string, string?>? registeredLocation = null)
    {
        registeredLocation ??= file => File.Exists(file) ? File.ReadAllLines(file).FirstOrDefault() : null;
        var folders = new List<string>();
        void AddUnder(string? parent, string child)
        {
            if (!string.IsNullOrEmpty(parent)) folders.Add(Path.Combine(parent!, child));
        }

        if (isWindows)
        {
            AddUnder(environment("ProgramW6432"), "dotnet");
            AddUnder(environment("ProgramFiles"), "dotnet");
            AddUnder(environment("LOCALAPPDATA"), Path.Combine("Microsoft", "dotnet"));
            return folders;
        }

        var archName = architecture.ToString().ToLowerInvariant();
        foreach (var registration in new[] { $"/etc/dotnet/install_location_{archName}", "/etc/dotnet/install_location" })
        {
            var registered = registeredLocation(registration)?.Trim();
            if (!string.IsNullOrEmpty(registered)) folders.Add(registered!);
        }
        folders.AddRange(RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            ? new[] { "/usr/local/share/dotnet" }
            : new[] { "/usr/share/dotnet", "/usr/lib/dotnet", "/usr/lib64/dotnet" });
        AddUnder(environment("HOME"), ".dotnet");
        return folders;
    }

    public LocalRegistryRuntime Locate()
    {
        var searched = new List<string>();
        var inspected = new List<Installation>();

        // An explicit DOTNET_ROOT is the only place the host looks, so it is the only place we look.
        foreach (var name in new[] { $"DOTNET_ROOT_{_architecture}", "DOTNET_ROOT" })
        {
            var root = _environment(name);
            if (string.IsNullOrEmpty(root)) continue;
            var installation = Inspect(name, root!, searched);
            return installation.IsUsable
                ? Usable(installation, searched)
                : NotUsable(searched, $"{name} is '{root}', which {installation.Lacks}");
        }

        foreach (var (source, root) in Candidates())
        {
            if (inspected.Any(installation => SameFolder(installation.Root, root))) continue;
            var installation = Inspect(source, root, searched);
            if (installation.IsUsable) return Usable(installation, searched);
            inspected.Add(installation);
        }

        var hosts = inspected.Where(installation => installation.HostPath != null).Select(installation => installation.Root).ToList();
        return NotUsable(searched, hosts.Count == 0
            ? "no .NET installation was found"
            : $"the .NET installations found ({string.Join(", ", hosts)}) have none");
    }

    private IEnumerable<(string Source, string Root)> Candidates()
    {
        var advertised = _environment("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(advertised) && File.Exists(advertised)) yield return ("DOTNET_HOST_PATH", Path.GetDirectoryName(advertised)!);
        if (_processPath != null && string.Equals(Path.GetFileName(_processPath), HostFileName, StringComparison.OrdinalIgnoreCase))
            yield return ("this process", Path.GetDirectoryName(_processPath)!);
        foreach (var folder in _installFolders) yield return ("install folder", folder);
        foreach (var entry in (_environment("PATH") ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            var folder = entry.Trim('"');
            // .NET Framework (Windows PowerShell) throws on these in Path.Combine instead of finding nothing.
            if (folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0) continue;
            var host = Path.Combine(folder, HostFileName);
            // /usr/bin/dotnet is usually a link into the installation, whose folder holds the runtimes.
            if (File.Exists(host)) yield return ("PATH", Path.GetDirectoryName(ResolveLink(host))!);
        }
    }

    private string HostFileName => _isWindows ? "dotnet.exe" : "dotnet";

    private bool SameFolder(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/', '\\'), Path.GetFullPath(b).TrimEnd('/', '\\'),
            _isWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private Installation Inspect(string source, string root, List<string> searched)
    {
        var host = Path.Combine(root, HostFileName);
        var versions = AspNetCoreVersions(root);
        var installation = new Installation(source, root, File.Exists(host) ? host : null, versions);
        searched.Add($"{source}: {root} ({installation.Summary})");
        return installation;
    }

    /// <summary>Released versions of the shared framework, newest first (roll-forward skips previews).</summary>
    private static IReadOnlyList<Version> AspNetCoreVersions(string root)
    {
        var frameworks = Path.Combine(Path.Combine(root, "shared"), AspNetCoreFramework);
        if (!Directory.Exists(frameworks)) return new List<Version>();
        return Directory.GetDirectories(frameworks)
            .Select(Path.GetFileName)
            .Select(name => Version.TryParse(name, out var version) ? version : null)
            .Where(version => version != null)
            .Select(version => version!)
            .OrderByDescending(version => version)
            .ToList();
    }

    /// <summary>The final target of a symbolic link; netstandard2.0 lacks the API, so it is found on the
    /// runtime (PowerShell 7 runs on .NET 6 or later, which has it; Windows PowerShell's PATH holds no links).</summary>
    private static string ResolveLink(string path)
    {
        var resolve = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", BindingFlags.Public | BindingFlags.Instance, null, new[] { typeof(bool) }, null);
        return resolve?.Invoke(new FileInfo(path), new object[] { true }) is FileSystemInfo target ? target.FullName : path;
    }

    private static LocalRegistryRuntime Usable(Installation installation, List<string> searched) =>
        new(installation.HostPath, installation.Newest!.ToString(), installation.Source, searched, null);

    private static LocalRegistryRuntime NotUsable(List<string> searched, string whatWasFound) =>
        new(null, null, null, searched,
            $"The local registry needs the ASP.NET Core runtime {MinimumAspNetCore} or later, and {whatWasFound}. " +
            $"Install the ASP.NET Core Runtime {MinimumAspNetCore.Major} or later (https://dotnet.microsoft.com/download/dotnet, or a package such as aspnetcore-runtime-{MinimumAspNetCore}), " +
            $"then check that 'dotnet --list-runtimes' lists {AspNetCoreFramework} {MinimumAspNetCore.Major}.0 or later; Start-MRLocalRegistry -Diagnose shows where it looked.");

    private sealed class Installation
    {
        public Installation(string source, string root, string? hostPath, IReadOnlyList<Version> versions)
        {
            Source = source;
            Root = root;
            HostPath = hostPath;
            Versions = versions;
        }

        public string Source { get; }
        public string Root { get; }
        public string? HostPath { get; }

        /// <summary>Newest first.</summary>
        public IReadOnlyList<Version> Versions { get; }

        /// <summary>The version LatestMajor roll-forward picks: the newest, when it is new enough.</summary>
        public Version? Newest => Versions.Count > 0 && Versions[0] >= MinimumAspNetCore ? Versions[0] : null;

        public bool IsUsable => HostPath != null && Newest != null;

        /// <summary>What this folder lacks, after "which".</summary>
        public string Lacks =>
            !Directory.Exists(Root) ? "does not exist"
            : HostPath == null ? "holds no dotnet host"
            : Versions.Count == 0 ? $"has no {AspNetCoreFramework}"
            : $"has only {AspNetCoreFramework} {string.Join(", ", Versions)}";

        public string Summary => IsUsable ? $"{AspNetCoreFramework} {Newest}, would be used" : Lacks;
    }
}
