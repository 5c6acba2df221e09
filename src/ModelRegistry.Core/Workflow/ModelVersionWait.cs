using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Workflow;

/// <summary>
/// Waits until a version's approval status is the one awaited and its package status is Completed:
/// the approval gate between a training pipeline and a deployment pipeline. Polls DescribeModelPackage,
/// the interval growing by half each time up to <see cref="MaxPollingInterval"/>. A rejection (unless
/// awaited), a failed package and the time-out end the wait with their own ErrorIds.
/// </summary>
public sealed class ModelVersionWait
{
    public const string CompletedStatus = "Completed";
    public const string FailedStatus = "Failed";

    private const double Backoff = 1.5;

    /// <exception cref="ArgumentOutOfRangeException">A time-out or interval that is not positive.</exception>
    public ModelVersionWait(string approvalStatus, TimeSpan timeout, TimeSpan pollingInterval)
    {
        ApprovalStatus = approvalStatus ?? throw new ArgumentNullException(nameof(approvalStatus));
        Timeout = timeout > TimeSpan.Zero ? timeout : throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The time-out must be positive.");
        PollingInterval = pollingInterval > TimeSpan.Zero
            ? pollingInterval
            : throw new ArgumentOutOfRangeException(nameof(pollingInterval), pollingInterval, "The polling interval must be positive.");
    }

    /// <summary>The approval status awaited (one of <see cref="ModelApprovalStatus"/>).</summary>
    public string ApprovalStatus { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The first pause between two polls.</summary>
    public TimeSpan PollingInterval { get; }

    /// <summary>The longest pause between two polls (or the first one, if that is longer).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Told of each poll that did not end the wait.</summary>
    public Action<WaitProgress>? Progress { get; set; }

    /// <returns>The version as described when it reached the awaited state.</returns>
    /// <exception cref="ModelRegistryException">ModelVersionRejected, ModelVersionFailed or WaitTimeout.</exception>
    public Task<ModelVersion> WaitAsync(SageMakerClient client, string arn, CancellationToken cancellationToken) =>
        WaitAsync(token => client.DescribeModelPackageAsync(arn, token), arn, Task.Delay, cancellationToken);

    internal async Task<ModelVersion> WaitAsync(
        Func<CancellationToken, Task<ModelVersion>> describe, string arn, Func<TimeSpan, CancellationToken, Task> delay, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var interval = PollingInterval;
        for (var poll = 1; ; poll++)
        {
            var version = await describe(cancellationToken).ConfigureAwait(false);
            if (version.ApprovalStatus == ApprovalStatus && version.Status == CompletedStatus) return version;
            if (version.ApprovalStatus == ModelApprovalStatus.Rejected && ApprovalStatus != ModelApprovalStatus.Rejected)
            {
                throw new ModelRegistryException(ErrorIds.ModelVersionRejected, ErrorKind.InvalidOperation,
                    $"{arn} was rejected{Reason(version)} while waiting for it to be {ApprovalStatus}.", value: version);
            }

            if (version.Status == FailedStatus)
            {
                throw new ModelRegistryException(ErrorIds.ModelVersionFailed, ErrorKind.InvalidOperation,
                    $"{arn} has package status Failed; it will never be {ApprovalStatus} and Completed.", value: version);
            }

            var remaining = Timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new ModelRegistryException(ErrorIds.WaitTimeout, ErrorKind.Timeout,
                    $"{arn} is still {version.ApprovalStatus} ({version.Status}) after {Show(Timeout)}; waited for {ApprovalStatus}.", value: version);
            }

            Progress?.Invoke(new WaitProgress(version, clock.Elapsed, Timeout, poll));
            // Whole milliseconds: a shorter pause would end at once and poll in a tight loop near the deadline.
            var pause = interval < remaining ? interval : TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds));
            await delay(pause, cancellationToken).ConfigureAwait(false);
            var longer = TimeSpan.FromTicks((long)(interval.Ticks * Backoff));
            interval = longer < MaxPollingInterval ? longer : (interval > MaxPollingInterval ? interval : MaxPollingInterval);
        }
    }

    private static string Reason(ModelVersion version) =>
        string.IsNullOrEmpty(version.ApprovalDescription) ? string.Empty : $" ('{version.ApprovalDescription}')";

    private static string Show(TimeSpan span) => span.TotalSeconds < 120
        ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
