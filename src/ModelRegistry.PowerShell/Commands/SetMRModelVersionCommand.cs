using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Changes a model version's approval or custom metadata; members not given stay as they are.</summary>
[Cmdlet(VerbsCommon.Set, "MRModelVersion", SupportsShouldProcess = true, DefaultParameterSetName = ByArnSet)]
[OutputType(typeof(ModelVersion))]
public sealed class SetMRModelVersionCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageArn"] = nameof(Arn),
        ["ModelApprovalStatus"] = nameof(ApprovalStatus),
        ["ApprovalDescription"] = nameof(ApprovalDescription),
        ["CustomerMetadataProperties"] = nameof(Metadata),
        ["CustomerMetadataPropertiesToRemove"] = nameof(RemoveMetadata),
        ["ModelLifeCycle"] = nameof(Stage),
        ["ModelLifeCycle.Stage"] = nameof(Stage),
        ["ModelLifeCycle.StageStatus"] = nameof(StageStatus),
        ["ModelLifeCycle.StageDescription"] = nameof(StageDescription),
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

    /// <summary>ModelLifeCycle: replaced whole, so -Stage and -StageStatus go together.</summary>
    [Parameter]
    public string? Stage { get; set; }

    [Parameter]
    public string? StageStatus { get; set; }

    [Parameter]
    public string? StageDescription { get; set; }

    /// <summary>Returns the version as it is after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    private static readonly string[] Changes =
    {
        nameof(ApprovalStatus), nameof(ApprovalDescription), nameof(Metadata), nameof(RemoveMetadata), nameof(Stage), nameof(StageStatus),
            nameof(StageDescription),
    };

    /// <summary>"Set ApprovalStatus, Metadata": what -WhatIf and -Confirm name; the same for every item.</summary>
    private string _action = "";

    protected override void BeginOnPipelineThread()
    {
        var given = Changes.Where(MyInvocation.BoundParameters.ContainsKey).ToList();
        if (given.Count == 0)
        {
            throw ModelRegistryException.InvalidArgument(ErrorIds.NothingToSet, nameof(Metadata), null,
                "Give at least one of -ApprovalStatus, -ApprovalDescription, -Metadata, -RemoveMetadata or -Stage with -StageStatus.");
        }

        _action = "Set " + string.Join(", ", given);
        base.BeginOnPipelineThread();
    }

    // The update is built inside the item's error handling, so bad input (a -Metadata key that is not
    // a string) is this item's error, like an AWS failure would be.
    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Item, async () =>
    {
        var arn = await VersionArnAsync(cancellationToken);
        var update = new ModelVersionUpdate(arn)
        {
            ApprovalStatus = ApprovalStatus,
            ApprovalDescription = ApprovalDescription,
            CustomerMetadataProperties = Hashtables.ToStringMap(Metadata, nameof(Metadata)),
            CustomerMetadataPropertiesToRemove = RemoveMetadata?.ToList(),
            LifeCycle = (Stage ?? StageStatus ?? StageDescription) is null ? null : new ModelLifeCycle(Stage, StageStatus, StageDescription),
        };
        if (!ShouldChange(arn, _action)) return;
        if (await Client.UpdateModelVersionAsync(update, PassThru, cancellationToken) is { } version) WriteObjectFromWorker(version);
    });
}
