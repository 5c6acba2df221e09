using System.Management.Automation;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Rejects a model version (ModelApprovalStatus Rejected), with the reason as its approval description.</summary>
[Cmdlet(VerbsLifecycle.Deny, "MRModelVersion", SupportsShouldProcess = true)]
[OutputType(typeof(ModelVersion))]
public sealed class DenyMRModelVersionCommand : ModelVersionApprovalCmdlet
{
    protected override string Status => ModelApprovalStatus.Rejected;
    protected override string Action => "Reject model version";
}
