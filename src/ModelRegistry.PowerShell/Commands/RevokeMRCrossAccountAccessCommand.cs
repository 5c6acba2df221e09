using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Resources;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Undoes Grant-MRCrossAccountAccess: removes exactly the statements (by Sid) and the KMS
/// grant (by name) it created; every other statement stays as it is. A policy left empty is deleted.</summary>
[Cmdlet(VerbsSecurity.Revoke, "MRCrossAccountAccess", SupportsShouldProcess = true)]
[OutputType(typeof(ResourceChange))]
public sealed class RevokeMRCrossAccountAccessCommand : CrossAccountCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        using var access = await OpenAsync(cancellationToken);
        var plan = await access.PlanRevokeAsync(cancellationToken);
        await ChangePlanRunner.ApplyAsync(this, plan, "Revoke cross-account access", force: false, writeOutcomes: true,
            cancellationToken);
    }
}
