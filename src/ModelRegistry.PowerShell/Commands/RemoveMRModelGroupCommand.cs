using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Deletes a model group. SageMaker refuses while the group still holds versions.</summary>
[Cmdlet(VerbsCommon.Remove, "MRModelGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMRModelGroupCommand : AwsCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageGroupName"] = nameof(Name) };

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupName", "GroupName")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!ShouldChange(Name, "Remove model group", Force)) return Task.CompletedTask;
        return ForItemAsync(Name, () => Client.DeleteModelPackageGroupAsync(Name, cancellationToken, WriteWarningFromWorker));
    }
}
