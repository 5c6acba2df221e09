using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Resources;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Lets a training account register model versions in a registry account's model group in
/// one repeatable step: the repository policy, bucket policy and KMS grant in the training account,
/// the group policy in the registry account. Merges by Sid, writes only what differs, verifies.</summary>
[Cmdlet(VerbsSecurity.Grant, "MRCrossAccountAccess", SupportsShouldProcess = true)]
[OutputType(typeof(ResourceChange))]
public sealed class GrantMRCrossAccountAccessCommand : CrossAccountCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        using var access = await OpenAsync(cancellationToken);
        var plan = await access.PlanGrantAsync(cancellationToken);
        await ChangePlanRunner.ApplyAsync(this, plan, "Grant cross-account access", force: false, writeOutcomes: true, cancellationToken);
    }
}
