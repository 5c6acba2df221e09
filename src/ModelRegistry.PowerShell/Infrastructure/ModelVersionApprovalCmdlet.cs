using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of Approve- and Deny-MRModelVersion: set one approval status, with the reason as
/// the approval description; nothing else about the version changes.</summary>
public abstract class ModelVersionApprovalCmdlet : ModelVersionUpdateCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageArn"] = nameof(Arn), ["ApprovalDescription"] = nameof(Reason) };

    [Parameter]
    [Alias("ApprovalDescription")]
    public string? Reason { get; set; }

    /// <summary>The ModelApprovalStatus this cmdlet sets.</summary>
    protected abstract string Status { get; }

    /// <summary>How -WhatIf and -Confirm name the change.</summary>
    protected abstract string Action { get; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        UpdateAsync(() => new ModelVersionUpdate(Arn) { ApprovalStatus = Status, ApprovalDescription = Reason }, Action, cancellationToken);
}
