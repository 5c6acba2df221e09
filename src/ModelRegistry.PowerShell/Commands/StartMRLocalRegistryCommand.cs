using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.LocalRegistry;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Output;
using ModelRegistry.PowerShell.Session;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Starts the local registry on 127.0.0.1 and makes it the session's default endpoint,
/// signing as its registry account, for every MR cmdlet not given other settings.</summary>
[Cmdlet(VerbsLifecycle.Start, "MRLocalRegistry", SupportsShouldProcess = true, DefaultParameterSetName = StartSet)]
[OutputType(typeof(LocalRegistryInstance), ParameterSetName = new[] { StartSet })]
[OutputType(typeof(LocalRegistryRuntime), ParameterSetName = new[] { DiagnoseSet })]
public sealed class StartMRLocalRegistryCommand : AsyncPSCmdlet
{
    private const string StartSet = "Start";
    private const string DiagnoseSet = "Diagnose";

    [Parameter(ParameterSetName = StartSet)]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    [Parameter(ParameterSetName = StartSet)]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    [Parameter(ParameterSetName = StartSet)]
    [ValidateNotNullOrEmpty]
    public string? AccountsFile { get; set; }

    [Parameter(ParameterSetName = StartSet)]
    [ValidatePattern(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Requests per second per operation, e.g. @{ CreateModelPackage = 10 }: SageMaker-style throttling.</summary>
    [Parameter(ParameterSetName = StartSet)]
    [ValidateNotNull]
    public Hashtable? RateLimit { get; set; }

    [Parameter(ParameterSetName = StartSet)]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Reports the dotnet host and ASP.NET Core runtime the server would run on, and starts nothing.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DiagnoseSet)]
    public SwitchParameter Diagnose { get; set; }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (Diagnose)
        {
            WriteObjectFromWorker(DotnetHostLocator.ForCurrentProcess().Locate());
            return;
        }

        var rateLimits = CheckedRateLimits();
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
            RateLimits = rateLimits,
        });

        LocalRegistryInstance instance;
        try
        {
            instance = await LocalRegistryLauncher.StartAsync(options, cancellationToken);
        }
        catch (LocalRegistryException e)
        {
            throw Terminate(new ErrorRecord(e, e.ErrorId, ErrorCategory.ResourceUnavailable, target));
        }

        OnPipelineThread(() => ModuleSession.Current.Use(instance));
        WriteVerboseFromWorker($"Local registry listening on {instance.EndpointUrl}; MR cmdlets now use it as account {instance.RegistryAccount}.");
        if (PassThru) WriteObjectFromWorker(instance);
    }

    private IReadOnlyDictionary<string, double> CheckedRateLimits()
    {
        var table = new Hashtable();
        foreach (DictionaryEntry entry in RateLimit ?? new Hashtable())
        {
            table[entry.Key] = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
        }

        try
        {
            return LocalRegistryRateLimits.Validate(table);
        }
        catch (ArgumentException e)
        {
            throw Terminate(ErrorRecords.InvalidArgument(ErrorIds.InvalidRateLimit, "-RateLimit: " + e.Message, nameof(RateLimit), RateLimit));
        }
    }

    /// <summary>The server ships inside the module, beside this assembly.</summary>
    private static string ServerAssemblyPath()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(StartMRLocalRegistryCommand).Assembly.Location)!;
        return Path.Combine(moduleDirectory, "LocalRegistry", "ModelRegistry.LocalRegistry.dll");
    }
}
