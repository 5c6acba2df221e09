using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Workflow;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Waits until a version is approved (or has the -ApprovalStatus asked for) and Completed: the
/// approval gate of a deployment pipeline. A rejection ends the wait with ModelVersionRejected, the
/// time-out with WaitTimeout; with $ErrorActionPreference = 'Stop' either fails the CI step.</summary>
[Cmdlet(VerbsLifecycle.Wait, "MRModelVersion", DefaultParameterSetName = ByArnSet)]
[OutputType(typeof(ModelVersion))]
public sealed class WaitMRModelVersionCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageName"] = nameof(Arn), ["ModelPackageGroupName"] = nameof(GroupName) };

    private int _activity;

    [Parameter]
    [ValidateSet(ModelApprovalStatus.Approved, ModelApprovalStatus.Rejected, ModelApprovalStatus.PendingManualApproval)]
    public string ApprovalStatus { get; set; } = ModelApprovalStatus.Approved;

    /// <summary>Seconds to wait at most (default one hour).</summary>
    [Parameter]
    [ValidateRange(0.1, 7 * 24 * 3600)]
    public double Timeout { get; set; } = 3600;

    /// <summary>Seconds between the first two polls; each pause is half as long again as the one before, up to a minute.</summary>
    [Parameter]
    [ValidateRange(0.1, 3600)]
    public double PollingInterval { get; set; } = 10;

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) =>
        ForItemAsync(Item, async () =>
        {
            var arn = await VersionArnAsync(cancellationToken);
            var progress = new ProgressRecord(++_activity, $"Waiting for {arn} to be {ApprovalStatus}", "Starting");
            var showProgress = OnPipelineThread(() => Host.Name == "ConsoleHost" && !Console.IsOutputRedirected);
            var wait = new ModelVersionWait(ApprovalStatus, TimeSpan.FromSeconds(Timeout), TimeSpan.FromSeconds(PollingInterval))
            {
                Progress = poll =>
                {
                    var status = $"{poll.Version.ApprovalStatus} ({poll.Version.Status}) after {poll.Elapsed.TotalSeconds:0} s";
                    WriteVerboseFromWorker($"{arn}: {status}");
                    if (!showProgress) return;
                    progress.StatusDescription = status;
                    progress.PercentComplete = poll.PercentOfTimeout;
                    progress.SecondsRemaining = (int)poll.Remaining.TotalSeconds;
                    WriteProgressFromWorker(progress);
                },
            };
            try
            {
                WriteObjectFromWorker(await wait.WaitAsync(Client, arn, cancellationToken));
            }
            finally
            {
                if (showProgress)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgressFromWorker(progress);
                }
            }
        });
}
