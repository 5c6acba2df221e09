using System;
using System.IO;
using System.Reflection;
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

    private DependencyLoadContext(string folder) => _folder = folder;

    public static void Install(string folder)
    {
        if (_installed != null) return;
        _installed = new DependencyLoadContext(folder);
        Default.Resolving += _installed.ResolveForDefault;
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

    /// <summary>The file in the folder that serves <paramref name="name"/>: same name, same major version, not
    /// older than asked for. A request for another SDK major version (AWS Tools on SDK v3) is never ours.</summary>
    private string? PathOf(AssemblyName name)
    {
        var path = Path.Combine(_folder, name.Name + ".dll");
        if (!File.Exists(path)) return null;
        var version = AssemblyName.GetAssemblyName(path).Version;
        return name.Version == null || (version != null && version.Major == name.Version.Major && version >= name.Version) ? path : null;
    }
}
