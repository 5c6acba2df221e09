using System.Management.Automation;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Approves a model version (ModelApprovalStatus Approved), with the reason as its approval description.</summary>
[Cmdlet(VerbsLifecycle.Approve, "MRModelVersion", SupportsShouldProcess = true)]
[OutputType(typeof(ModelVersion))]
public sealed class ApproveMRModelVersionCommand : ModelVersionApprovalCmdlet
{
    protected override string Status => ModelApprovalStatus.Approved;
    protected override string Action => "Approve model version";
}
