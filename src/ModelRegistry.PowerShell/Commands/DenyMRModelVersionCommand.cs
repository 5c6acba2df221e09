using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Rejects a model version (ModelApprovalStatus Rejected), with the reason as its approval description.</summary>
[Cmdlet(VerbsLifecycle.Deny, "MRModelVersion", SupportsShouldProcess = true)]
[OutputType(typeof(ModelVersion))]
public sealed class DenyMRModelVersionCommand : ModelVersionUpdateCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageArn"] = nameof(Arn), ["ApprovalDescription"] = nameof(Reason) };

    [Parameter]
    [Alias("ApprovalDescription")]
    public string? Reason { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        UpdateAsync(new ModelVersionUpdate(Arn) { ApprovalStatus = ModelApprovalStatus.Rejected, ApprovalDescription = Reason },
            "Reject model version", cancellationToken);
}
