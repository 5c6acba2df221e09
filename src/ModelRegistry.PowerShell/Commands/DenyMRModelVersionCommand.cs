using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Rejects a model version (ModelApprovalStatus Rejected), with the reason as its approval description.</summary>
[Cmdlet(VerbsLifecycle.Deny, "MRModelVersion", SupportsShouldProcess = true, DefaultParameterSetName = ByArnSet)]
[OutputType(typeof(ModelVersion))]
public sealed class DenyMRModelVersionCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageArn"] = nameof(Arn), ["ApprovalDescription"] = nameof(Reason) };

    [Parameter]
    [Alias("ApprovalDescription")]
    public string? Reason { get; set; }

    /// <summary>Returns the version as it is after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        DecideApprovalAsync(ModelApprovalStatus.Rejected, "Reject model version", Reason, PassThru, cancellationToken);
}
