using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Removes a model group's resource policy, or only the statements named by -Sid (a policy
/// left without statements is deleted). Asks first unless -Force; -WhatIf shows the diff and wins over -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MRGroupPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMRGroupPolicyCommand : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    public string Name { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Sid { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Name, async () =>
    {
        var change = await new ModelGroupPolicyEditor(Client).PlanRemoveAsync(Name, Sid, cancellationToken).ConfigureAwait(false);
        if (change.Status != ResourceChangeStatus.WillChange)
        {
            WriteVerboseFromWorker($"{change.Target}: nothing to remove.");
            return;
        }

        var action = Sid is null ? "Remove group policy" : $"Remove statements {string.Join(", ", Sid)} from group policy";
        if (!Confirmed(change.Target, action, Force, change.Diff)) return;

        change = await change.ApplyAsync(cancellationToken).ConfigureAwait(false);
        if (change.Status == ResourceChangeStatus.Failed)
        {
            WriteErrorFromWorker(new ErrorRecord(new InvalidOperationException($"{change.Target}: {change.Message}"), "GroupPolicyChangeFailed", ErrorCategory.InvalidOperation, Name));
        }
    });
}
