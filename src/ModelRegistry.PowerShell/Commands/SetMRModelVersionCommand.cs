using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Changes a model version's approval or custom metadata; members not given stay as they are.</summary>
[Cmdlet(VerbsCommon.Set, "MRModelVersion", SupportsShouldProcess = true)]
[OutputType(typeof(ModelVersion))]
public sealed class SetMRModelVersionCommand : ModelVersionUpdateCmdlet
{
    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageArn"] = nameof(Arn),
        ["ModelApprovalStatus"] = nameof(ApprovalStatus),
        ["ApprovalDescription"] = nameof(ApprovalDescription),
        ["CustomerMetadataProperties"] = nameof(Metadata),
        ["CustomerMetadataPropertiesToRemove"] = nameof(RemoveMetadata),
    };

    [Parameter]
    [ValidateSet(ModelApprovalStatus.PendingManualApproval, ModelApprovalStatus.Approved, ModelApprovalStatus.Rejected)]
    public string? ApprovalStatus { get; set; }

    [Parameter]
    public string? ApprovalDescription { get; set; }

    /// <summary>Keys to add or overwrite; other keys are kept.</summary>
    [Parameter]
    public Hashtable? Metadata { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveMetadata { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    private static readonly string[] Changes = { nameof(ApprovalStatus), nameof(ApprovalDescription), nameof(Metadata), nameof(RemoveMetadata) };

    /// <summary>"Set ApprovalStatus, Metadata": what -WhatIf and -Confirm name; the same for every item.</summary>
    private string _action = "";

    protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
    {
        var given = Changes.Where(IsBound).ToList();
        if (given.Count == 0)
            throw Terminate(ErrorRecords.InvalidArgument("NothingToSet",
                "Give at least one of -ApprovalStatus, -ApprovalDescription, -Metadata or -RemoveMetadata.", nameof(Metadata), null));
        _action = "Set " + string.Join(", ", given);
        return Task.CompletedTask;
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        UpdateAsync(() => new ModelVersionUpdate(Arn)
        {
            ApprovalStatus = ApprovalStatus,
            ApprovalDescription = ApprovalDescription,
            CustomerMetadataProperties = Hashtables.ToStringMap(Metadata, nameof(Metadata)),
            CustomerMetadataPropertiesToRemove = RemoveMetadata?.ToList(),
        }, _action, cancellationToken);
}
