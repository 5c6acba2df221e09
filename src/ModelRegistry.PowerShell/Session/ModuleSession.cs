using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.LocalRegistry;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Defaults this module sets for the rest of a session: Start-MRLocalRegistry points every
/// MR cmdlet at the local registry (as its registry account) until Stop-MRLocalRegistry. Kept per
/// runspace, so another runspace of the same process (a job, a host) is not affected.</summary>
internal sealed class ModuleSession
{
    private static readonly ConditionalWeakTable<Runspace, ModuleSession> Sessions = new();
    private readonly object _gate = new();
    private readonly List<LocalRegistryInstance> _started = new();

    /// <summary>The session of the runspace running on this thread (call on the pipeline thread).</summary>
    public static ModuleSession Current => Sessions.GetValue(Runspace.DefaultRunspace, _ => new ModuleSession());

    public SessionDefault? LocalRegistry { get; private set; }

    /// <summary>The instances this session started that are still tracked, newest last.</summary>
    public IReadOnlyList<LocalRegistryInstance> Instances
    {
        get { lock (_gate) return _started.ToList(); }
    }

    public void Use(LocalRegistryInstance instance)
    {
        lock (_gate)
        {
            _started.Add(instance);
            LocalRegistry = DefaultFor(instance);
        }
    }

    public void Stop(LocalRegistryInstance instance)
    {
        lock (_gate)
        {
            instance.Stop();
            _started.Remove(instance);
            var newest = _started.LastOrDefault();
            LocalRegistry = newest == null ? null : DefaultFor(newest);
        }
    }

    public void StopAll()
    {
        foreach (var instance in Instances) Stop(instance);
    }

    private static SessionDefault DefaultFor(LocalRegistryInstance instance) =>
        new($"Start-MRLocalRegistry ({instance.RegistryAccount})", instance.RegistryAccount.Credential, instance.Region,
            instance.EndpointUrl, instance.Accounts.Select(account => account.AccessKeyId));
}
