using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Gets one model version by ARN (full description), or lists a group's versions as
/// summaries streamed page by page; -Detailed adds artifact locations in batches of 100.</summary>
[Cmdlet(VerbsCommon.Get, "MRModelVersion", DefaultParameterSetName = ByArnSet, SupportsPaging = true)]
[OutputType(typeof(ModelVersion), typeof(ModelVersionSummary))]
public sealed class GetMRModelVersionCommand : RegistryListingCmdlet
{
    private const string ByArnSet = "ByArn";
    private const string ByGroupSet = "ByGroup";

    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageName"] = nameof(Arn),
        ["ModelPackageGroupName"] = nameof(GroupName),
        ["ModelPackageArnList"] = nameof(Arn),
    };

    private ulong _skipped;
    private ulong _written;
    private ulong _total;

    /// <summary>A version ARN; a group ARN (e.g. piped from Get-MRModelGroup) lists that group.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByArnSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageArn")]
    [ValidateNotNullOrEmpty]
    public string[] Arn { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByGroupSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string GroupName { get; set; } = "";

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Version { get; set; }

    [Parameter]
    [ValidateSet(ModelApprovalStatus.PendingManualApproval, ModelApprovalStatus.Approved, ModelApprovalStatus.Rejected)]
    public string? ApprovalStatus { get; set; }

    /// <summary>Only the newest matching version (with -ApprovalStatus Approved: what to deploy).</summary>
    [Parameter]
    public SwitchParameter Latest { get; set; }

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>Only versions in this lifecycle stage; filtered here, as ListModelPackages has no such filter.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Stage { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        // A version ARN given by position lands in -GroupName: describe it as -Arn would.
        var targets = ParameterSetName == ByGroupSet ? new[] { GroupName } : Arn;
        foreach (var arn in targets)
        {
            if (!RegistryArn.TryParse(arn, out var parsed) || parsed!.IsModelGroup) await ListAsync(arn, cancellationToken);
            else if (!RefusedListingFilter(ErrorIds.FilterNeedsGroup, arn, $"'{arn}' is one version. Give -GroupName (or a group) instead."))
                await ForItemAsync(arn, async () =>
                    Emit(await Client.GetModelVersionAsync(arn, cancellationToken)));
        }
    }

    protected override string[] OwnListingParameters => new[] { nameof(Version), nameof(ApprovalStatus), nameof(Latest), nameof(Detailed), nameof(Stage) };

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (PagingParameters.IncludeTotalCount) WriteObjectFromWorker(PagingParameters.NewTotalCount(_total, 1.0));
        return Task.CompletedTask;
    }

    private Task ListAsync(string group, CancellationToken cancellationToken) => ForItemAsync(group, async () =>
    {
        var progress = new ProgressRecord(1, $"Listing model versions of {group}", "Starting");
        var progressShown = false;
        var listing = new ModelVersionListing(Client)
        {
            Query = new ModelVersionQuery
            {
                ApprovalStatus = ApprovalStatus,
                CreationTimeAfter = CreatedAfter?.ToUniversalTime(),
                CreationTimeBefore = CreatedBefore?.ToUniversalTime(),
                SortBy = SortBy,
                SortOrder = SortOrder,
            },
            Versions = Version,
            LatestOnly = Latest,
            Detailed = Detailed,
            Stage = Stage,
            Progress = count =>
            {
                progress.StatusDescription = $"{count} versions";
                WriteProgressFromWorker(progress);
                progressShown = true;
            },
        };
        await foreach (var item in listing.ListAsync(group, cancellationToken))
        {
            if (item.Warning is { } warning) WriteWarningFromWorker(warning);
            else if (item.Error is { } error)
                WriteErrorFromWorker(new ErrorRecord(new InvalidOperationException(error.ErrorResponse), error.ErrorCode, ErrorCategory.ReadError, error.Arn));
            else Emit(item.Version!);
            if (Done) break;
        }
        if (progressShown)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgressFromWorker(progress);
        }
    });

    private bool Done => !PagingParameters.IncludeTotalCount && _written >= PagingParameters.First;

    /// <summary>Applies -Skip/-First and counts for -IncludeTotalCount.</summary>
    private void Emit(object version)
    {
        _total++;
        if (_skipped < PagingParameters.Skip) { _skipped++; return; }
        if (_written >= PagingParameters.First) return;
        _written++;
        WriteObjectFromWorker(version);
    }
}
