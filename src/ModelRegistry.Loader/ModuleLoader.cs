using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace ModelRegistry.Loader;

/// <summary>
/// Where the module's dependencies load from: the dependencies folder beside this assembly. On
/// PowerShell 7 the AWS SDK and ModelRegistry.Core load in the module's own AssemblyLoadContext, so
/// another module's AWS SDK (AWS Tools on SDK v3 or an older v4) neither breaks this one nor is
/// broken by it. On Windows PowerShell 5.1 they load from the folder into the one context there is.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer
{
    private static readonly string DependencyFolder =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)!, "dependencies");

    private static readonly bool HasLoadContexts =
        typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext") != null;

    public void OnImport()
    {
        if (HasLoadContexts) InstallLoadContext();
        else AppDomain.CurrentDomain.AssemblyResolve += ResolveFromFolder;
    }

    // A method of its own, so .NET Framework never compiles a reference to AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InstallLoadContext() => DependencyLoadContext.Install(DependencyFolder);

    /// <summary>Windows PowerShell: one context, so the folder is simply where to look.</summary>
    private static Assembly? ResolveFromFolder(object sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
