using System.Management.Automation;
using System.Threading;
using ModelRegistry.Core.Client;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Import-Module starts the first AWS call's offline work on another thread (<see cref="FirstCallWarmup"/>).</summary>
public sealed class ModuleWarmup : IModuleAssemblyInitializer
{
    // Core (and the AWS SDK) load on that thread too: nothing here names their types.
    public void OnImport() => ThreadPool.QueueUserWorkItem(static _ => FirstCallWarmup.Run());
}
