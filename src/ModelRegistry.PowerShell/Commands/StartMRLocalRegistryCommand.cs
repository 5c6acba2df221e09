using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.LocalRegistry;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Session;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Starts the local registry on 127.0.0.1 and makes it the session's default endpoint,
/// signing as its registry account, for every MR cmdlet not given other settings.</summary>
[Cmdlet(VerbsLifecycle.Start, "MRLocalRegistry", SupportsShouldProcess = true)]
[OutputType(typeof(LocalRegistryInstance))]
public sealed class StartMRLocalRegistryCommand : AsyncPSCmdlet
{
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccountsFile { get; set; }

    [Parameter]
    [ValidatePattern(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    public string Region { get; set; } = "us-east-1";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var target = Port == 0 ? "127.0.0.1 (a free port)" : $"127.0.0.1:{Port}";
        if (!ShouldChange(target, "Start the local registry")) return;

        using var session = System.Diagnostics.Process.GetCurrentProcess();
        var options = OnPipelineThread(() => new LocalRegistryStartOptions(ServerAssemblyPath())
        {
            Port = Port,
            Region = Region,
            DataPath = DataPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DataPath),
            AccountsFile = AccountsFile == null ? null : GetUnresolvedProviderPathFromPSPath(AccountsFile),
            ParentProcessId = session.Id,
        });

        LocalRegistryInstance instance;
        try
        {
            instance = await LocalRegistryLauncher.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (LocalRegistryException e)
        {
            throw Terminate(new ErrorRecord(e, e.ErrorId, ErrorCategory.ResourceUnavailable, target));
        }

        OnPipelineThread(() => ModuleSession.Current.Use(instance));
        WriteVerboseFromWorker($"Local registry listening on {instance.EndpointUrl}; MR cmdlets now use it as account {instance.RegistryAccount}.");
        if (PassThru) WriteObjectFromWorker(instance);
    }

    /// <summary>The server ships inside the module, beside this assembly.</summary>
    private static string ServerAssemblyPath()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(StartMRLocalRegistryCommand).Assembly.Location)!;
        return Path.Combine(moduleDirectory, "LocalRegistry", "ModelRegistry.LocalRegistry.dll");
    }
}
