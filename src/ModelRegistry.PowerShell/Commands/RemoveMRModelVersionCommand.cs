using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Deletes a model version. Its number is never reused in the group.</summary>
[Cmdlet(VerbsCommon.Remove, "MRModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMRModelVersionCommand : ModelVersionCmdlet
{
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!EnsureVersionArn() || !Confirmed(Arn, "Remove model version", Force)) return Task.CompletedTask;
        return ForItemAsync(Arn, () => Client.DeleteModelPackageAsync(Arn, cancellationToken));
    }
}
