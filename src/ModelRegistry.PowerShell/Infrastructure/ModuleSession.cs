using System.Collections.Generic;
using System.Linq;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.LocalRegistry;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Defaults this module sets for the rest of the session: Start-MRLocalRegistry points
/// every MR cmdlet at the local registry (as its registry account) until Stop-MRLocalRegistry.</summary>
internal static class ModuleSession
{
    private static readonly object Gate = new();
    private static readonly List<LocalRegistryInstance> Started = new();

    public static SessionDefault? LocalRegistry { get; private set; }

    public static void Use(LocalRegistryInstance instance)
    {
        lock (Gate)
        {
            Started.Add(instance);
            LocalRegistry = DefaultFor(instance);
        }
    }

    /// <summary>The instances this session started that are still tracked, newest last.</summary>
    public static IReadOnlyList<LocalRegistryInstance> Instances
    {
        get { lock (Gate) return Started.ToList(); }
    }

    public static void Stop(LocalRegistryInstance instance)
    {
        lock (Gate)
        {
            instance.Stop();
            Started.Remove(instance);
            var newest = Started.LastOrDefault();
            LocalRegistry = newest == null ? null : DefaultFor(newest);
        }
    }

    public static void StopAll()
    {
        foreach (var instance in Instances) Stop(instance);
    }

    private static SessionDefault DefaultFor(LocalRegistryInstance instance) =>
        new($"Start-MRLocalRegistry ({instance.RegistryAccount})", instance.RegistryAccount.Credential, instance.Region, instance.EndpointUrl);
}
