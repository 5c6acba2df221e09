using System.Management.Automation;
using System.Threading;
using ModelRegistry.Core.Client;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Starts the first AWS call's offline work (<see cref="FirstCallWarmup"/>) on a pool thread once per
/// process: at the module's first cmdlet, or shortly after Import-Module if no cmdlet comes sooner.</summary>
public sealed class ModuleWarmup : IModuleAssemblyInitializer
{
    // Not during the import itself: running alongside its end made Import-Module 6 ms slower, and a
    // session may import the module without calling AWS (tests/bench/README.md).
    private const int AfterImportMilliseconds = 50;

    private static int _started;
    private static Timer? _afterImport;

    public void OnImport() => _afterImport ??= new Timer(static _ => StartOnce(), null, AfterImportMilliseconds, Timeout.Infinite);

    public static void StartOnce()
    {
        // Core (and the AWS SDK) load on the pool thread: nothing here names their types.
        if (Interlocked.Exchange(ref _started, 1) == 0) ThreadPool.QueueUserWorkItem(static _ => FirstCallWarmup.Run());
    }
}
