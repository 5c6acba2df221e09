using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ModelRegistry.Loader;

/// <summary>
/// The module's private load context (PowerShell 7). It holds ModelRegistry.Core and the AWS SDK;
/// framework polyfills (System.*, Microsoft.Bcl.*) stay shared in the default context, where the
/// cmdlets' assembly meets Core's types. Only this module's requests are answered from its folder.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static DependencyLoadContext? _installed;
    private readonly string _folder;
    private readonly string? _readyToRunFolder;

    private DependencyLoadContext(string folder)
    {
        _folder = folder;
        _readyToRunFolder = UsableReadyToRunFolder(folder);
    }

    public static void Install(string folder)
    {
        if (_installed != null) return;
        _installed = new DependencyLoadContext(folder);
        Default.Resolving += _installed.ResolveForDefault;
    }

    /// <summary>The folder name build.ps1 gives precompiled copies for this process: the runtime identifier's
    /// operating system and architecture (linux-x64, win-arm64, osx-arm64) and the .NET major version, since
    /// native code is valid only for the runtime it was compiled against.</summary>
    private static string ReadyToRunPlatform()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : "linux";
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        return $"{os}-{architecture}.net{Environment.Version.Major}";
    }

    /// <summary>The folder of copies precompiled for this process, when the package has one and its code is marked
    /// as this runtime's own precompiled CoreLib is (PE machine: the architecture XOR the OS's value). The folder's
    /// name cannot tell every OS apart (FreeBSD's .NET reads as Linux), and the runtime refuses native code marked
    /// for another OS, after which no copy of that assembly loads in this context. One file speaks for the folder:
    /// build.ps1 compiles all of it for one target.</summary>
    private static string? UsableReadyToRunFolder(string folder)
    {
        var candidate = Path.Combine(folder, "readytorun", ReadyToRunPlatform());
        var sample = Directory.Exists(candidate) ? Directory.EnumerateFiles(candidate, "*.dll").FirstOrDefault() : null;
        if (sample == null) return null;
        var runtimeMachine = MachineOf(typeof(object).Assembly.Location);
        return runtimeMachine != -1 && MachineOf(sample) == runtimeMachine ? candidate : null;
    }

    /// <summary>Names this context loads itself rather than share.</summary>
    private static bool IsPrivate(AssemblyName name) =>
        name.Name!.StartsWith("AWSSDK.", StringComparison.Ordinal) || name.Name == "ModelRegistry.Core";

    protected override Assembly? Load(AssemblyName name)
    {
        var path = PathOf(name);
        return IsPrivate(name) && path != null ? LoadFromAssemblyPath(path) : null;
    }

    /// <summary>The default context could not find a dependency of the cmdlets' assembly (or a polyfill
    /// a private assembly asked for): private ones load here, shared ones in the default context.</summary>
    private Assembly? ResolveForDefault(AssemblyLoadContext context, AssemblyName name)
    {
        var path = PathOf(name);
        if (path == null) return null;
        return IsPrivate(name) ? LoadFromAssemblyName(name) : context.LoadFromAssemblyPath(path);
    }

    /// <summary>The file that serves <paramref name="name"/>: the copy precompiled for this platform and runtime
    /// when the package has one (the same assembly, with native code beside its IL), else the one in the folder.</summary>
    private string? PathOf(AssemblyName name) =>
        (_readyToRunFolder == null ? null : FileIn(_readyToRunFolder, name)) ?? FileIn(_folder, name);

    /// <summary>The file in <paramref name="folder"/> that serves <paramref name="name"/>: same name, same major
    /// version, not older than asked for. A request for another SDK major version (AWS Tools on SDK v3) is never ours.</summary>
    private static string? FileIn(string folder, AssemblyName name)
    {
        var path = Path.Combine(folder, name.Name + ".dll");
        if (!File.Exists(path)) return null;
        var version = AssemblyName.GetAssemblyName(path).Version;
        return name.Version == null || (version != null && version.Major == name.Version.Major && version >= name.Version) ? path : null;
    }

    /// <summary>The PE machine field of <paramref name="path"/>; -1 when unreadable.</summary>
    private static int MachineOf(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var reader = new BinaryReader(file);
            file.Position = 0x3C;
            file.Position = reader.ReadInt32() + 4;
            return reader.ReadUInt16();
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
