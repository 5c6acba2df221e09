using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Deletes a model version. Its number is never reused in the group.</summary>
[Cmdlet(VerbsCommon.Remove, "MRModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByArnSet)]
[OutputType(typeof(void))]
public sealed class RemoveMRModelVersionCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageName"] = nameof(Arn) };

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Item, async () =>
    {
        var arn = await VersionArnAsync(cancellationToken);
        if (ShouldChange(arn, "Remove model version", Force)) await Client.DeleteModelPackageAsync(arn, cancellationToken, WriteWarningFromWorker);
    });
}
