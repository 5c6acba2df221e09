using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.LocalRegistry;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Session;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Stops local registries this session started (all of them unless some are piped in)
/// and points MR cmdlets back at their previous defaults.</summary>
[Cmdlet(VerbsLifecycle.Stop, "MRLocalRegistry", SupportsShouldProcess = true)]
[OutputType(typeof(LocalRegistryInstance))]
public sealed class StopMRLocalRegistryCommand : AsyncPSCmdlet
{
    private readonly List<LocalRegistryInstance> _piped = new();

    [Parameter(ValueFromPipeline = true)]
    public LocalRegistryInstance[]? InputObject { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (InputObject != null) _piped.AddRange(InputObject);
        return Task.CompletedTask;
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        // Only what was given, even if that is nothing (an empty pipeline stops nothing).
        var session = OnPipelineThread(() => ModuleSession.Current);
        var targets = IsBound(nameof(InputObject)) || OnPipelineThread(() => MyInvocation.ExpectingInput)
            ? _piped
            : new List<LocalRegistryInstance>(session.Instances);
        foreach (var instance in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ShouldChange(instance.EndpointUrl, "Stop the local registry")) continue;
            session.Stop(instance);
            if (PassThru) WriteObjectFromWorker(instance);
        }
        return Task.CompletedTask;
    }
}
