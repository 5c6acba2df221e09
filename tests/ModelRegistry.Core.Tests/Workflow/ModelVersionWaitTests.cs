using System.Text.Json.Nodes;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Workflow;
using Xunit;

namespace ModelRegistry.Core.Tests.Workflow;

public sealed class ModelVersionWaitTests
{
    private const string Arn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/3";

    private static ModelVersion Version(string approval, string status = "Completed", string? reason = null)
    {
        var json = new JsonObject { ["ModelPackageArn"] = Arn, ["ModelApprovalStatus"] = approval, ["ModelPackageStatus"] = status };
        if (reason != null) json["ApprovalDescription"] = reason;
        return ModelVersion.FromJson(json);
    }

    /// <summary>Describes return <paramref name="states"/> in turn (the last one forever); pauses are recorded, not slept.</summary>
    private static (Func<CancellationToken, Task<ModelVersion>> Describe, Func<TimeSpan, CancellationToken, Task> Delay, List<TimeSpan> Pauses) Script(params ModelVersion[] states)
    {
        var polls = 0;
        var pauses = new List<TimeSpan>();
        return (_ => Task.FromResult(states[Math.Min(polls++, states.Length - 1)]), (pause, _) => { pauses.Add(pause); return Task.CompletedTask; }, pauses);
    }

    [Fact]
    public async Task Returns_the_version_once_approved_and_completed_with_growing_pauses()
    {
        var (describe, delay, pauses) = Script(Version("PendingManualApproval", "InProgress"), Version("PendingManualApproval"), Version("PendingManualApproval"), Version("Approved"));
        var wait = new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)) { MaxPollingInterval = TimeSpan.FromSeconds(20) };
        var seen = new List<int>();
        wait.Progress = progress => seen.Add(progress.Poll);

        var version = await wait.WaitAsync(describe, Arn, delay, CancellationToken.None);

        Assert.Equal("Approved", version.ApprovalStatus);
        Assert.Equal(new[] { 1, 2, 3 }, seen);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20) }, pauses);
    }

    [Fact]
    public async Task Pauses_grow_to_one_minute_by_default_and_a_longer_first_interval_stays()
    {
        var pending = Version("PendingManualApproval");
        var (describe, delay, pauses) = Script(pending, pending, pending, pending, Version("Approved"));
        await new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(30)).WaitAsync(describe, Arn, delay, CancellationToken.None);
        Assert.Equal(new[] { 30.0, 45, 60, 60 }, pauses.Select(p => p.TotalSeconds));

        (describe, delay, pauses) = Script(pending, pending, pending, Version("Approved"));
        await new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(90)).WaitAsync(describe, Arn, delay, CancellationToken.None);
        Assert.Equal(new[] { 90.0, 90, 90 }, pauses.Select(p => p.TotalSeconds));
    }

    [Fact]
    public async Task Approved_but_not_completed_keeps_waiting()
    {
        var (describe, delay, pauses) = Script(Version("Approved", "InProgress"), Version("Approved"));
        await new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)).WaitAsync(describe, Arn, delay, CancellationToken.None);
        Assert.Single(pauses);
    }

    [Fact]
    public async Task Rejected_ends_the_wait_with_ModelVersionRejected_and_the_reason()
    {
        var (describe, delay, _) = Script(Version("PendingManualApproval"), Version("Rejected", reason: "bias found"));
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)).WaitAsync(describe, Arn, delay, CancellationToken.None));
        Assert.Equal(ErrorIds.ModelVersionRejected, error.ErrorId);
        Assert.Contains("bias found", error.Message);
        Assert.Equal("Rejected", ((ModelVersion)error.Value!).ApprovalStatus);
    }

    [Fact]
    public async Task Rejected_when_it_is_what_was_awaited_returns_the_version()
    {
        var (describe, delay, _) = Script(Version("PendingManualApproval"), Version("Rejected"));
        var version = await new ModelVersionWait("Rejected", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)).WaitAsync(describe, Arn, delay, CancellationToken.None);
        Assert.Equal("Rejected", version.ApprovalStatus);
    }

    [Fact]
    public async Task A_failed_package_ends_the_wait()
    {
        var (describe, delay, _) = Script(Version("PendingManualApproval", "Failed"));
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromSeconds(1)).WaitAsync(describe, Arn, delay, CancellationToken.None));
        Assert.Equal(ErrorIds.ModelVersionFailed, error.ErrorId);
    }

    [Fact]
    public async Task The_time_out_ends_the_wait_with_WaitTimeout_after_a_last_look()
    {
        var (describe, _, _) = Script(Version("PendingManualApproval"));
        var polls = 0;
        var wait = new ModelVersionWait("Approved", TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100));
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() =>
            wait.WaitAsync(token => { polls++; return describe(token); }, Arn, Task.Delay, CancellationToken.None));
        Assert.Equal(ErrorIds.WaitTimeout, error.ErrorId);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.InRange(polls, 2, 5); // about every 100, 150 and 50 ms, and one last look: never a tight loop
    }

    [Fact]
    public async Task Cancelling_stops_the_pause()
    {
        var (describe, _, _) = Script(Version("PendingManualApproval"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ModelVersionWait("Approved", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5)).WaitAsync(describe, Arn, Task.Delay, cancel.Token));
    }

    [Fact]
    public void Time_out_and_interval_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelVersionWait("Approved", TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelVersionWait("Approved", TimeSpan.FromSeconds(1), TimeSpan.Zero));
    }
}
