using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Deletes a model version. Its number is never reused in the group.</summary>
[Cmdlet(VerbsCommon.Remove, "MRModelVersion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMRModelVersionCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageName"] = nameof(Arn) };

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Arn, async () =>
    {
        var arn = RegistryArn.RefuseGroup(Arn, nameof(Arn));
        if (ShouldChange(Arn, "Remove model version", Force)) await Client.DeleteModelPackageAsync(arn, cancellationToken).ConfigureAwait(false);
    });
}
