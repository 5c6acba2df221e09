using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Resources;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Removes a model group's resource policy, or only the statements named by -Sid (a policy
/// left without statements is deleted). Asks first unless -Force; -WhatIf shows the diff and wins over -Force.</summary>
[Cmdlet(VerbsCommon.Remove, "MRGroupPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(ResourceChange))]
public sealed class RemoveMRGroupPolicyCommand : AwsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Sid { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Returns the change as it ended (Verified, Unchanged, or the plan under -WhatIf).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Name, async () =>
    {
        var plan = await new ModelGroupPolicyEditor(Client).PlanRemoveAsync(Name, Sid, cancellationToken);
        var action = Sid is null ? "Remove group policy" : $"Remove statements {string.Join(", ", Sid)} from group policy";
        await ChangePlanRunner.ApplyAsync(this, plan, action, Force, writeOutcomes: PassThru, cancellationToken);
    });
}
