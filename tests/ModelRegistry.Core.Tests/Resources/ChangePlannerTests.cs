using Amazon.Runtime;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.CrossAccount;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>Applying re-reads and re-merges under a per-resource lock, so other writers are merged with, not overwritten.</summary>
public sealed class ChangePlannerTests
{
    [Fact]
    public async Task A_statement_written_by_someone_else_after_the_plan_is_kept()
    {
        var place = new InMemoryResourcePolicy(null);
        var plan = await PlanMergeAsync(place, "Ours");
        Assert.Equal((ResourceChangeStatus.WillChange, null), (plan.Changes[0].ChangeStatus, plan.Changes[0].Message)); // A plan to apply has nothing to explain.
        place.Stored = Document("Theirs").ToJson();

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal((ResourceChangeStatus.Verified, "Applied and verified by reading it back."), (outcome.ChangeStatus, outcome.Message));
        Assert.Equal(new[] { "Theirs", "Ours" }, place.Current!.Statements.Select(s => s.Sid));
    }

    [Fact]
    public async Task A_change_someone_else_made_before_apply_is_verified_without_a_write()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"));
        var plan = await PlanMergeAsync(place, "Ours");
        place.Stored = PolicyMerge.Merge(Document("Theirs"), Document("Ours").Statements)!.ToJson();

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal((ResourceChangeStatus.Verified, "Already in place when applied (read back)."), (outcome.ChangeStatus, outcome.Message));
        Assert.Equal(0, place.Writes);
    }

    [Fact]
    public async Task A_read_back_that_lags_behind_the_write_is_read_again_not_written_again()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"));
        var plan = await PlanMergeAsync(place, "Ours");
        string? written = null;
        place.OnRead = () =>
        {
            // The first read after our write still sees the old policy, as an eventually consistent store may.
            if (place.Writes == 1 && written is null)
            {
                written = place.Stored;
                place.Stored = Document("Theirs").ToJson();
            }
            else if (written != null)
            {
                place.Stored = written;
            }
        };

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal((ResourceChangeStatus.Verified, "Applied and verified by reading it back."), (outcome.ChangeStatus, outcome.Message));
        Assert.Equal(1, place.Writes);
    }

    [Fact]
    public async Task A_writer_that_undoes_our_statement_is_merged_with_again_and_verified()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"));
        var plan = await PlanMergeAsync(place, "Ours");
        var undone = false;
        place.OnRead = () =>
        {
            // Once, right after our write: another process puts back the policy it read before.
            if (!undone && place.Writes == 1)
            {
                undone = true;
                place.Stored = Document("Theirs").ToJson();
            }
        };

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.Equal(2, place.Writes);
        Assert.Equal(new[] { "Theirs", "Ours" }, place.Current!.Statements.Select(s => s.Sid));
    }

    [Fact]
    public async Task Parallel_merges_into_one_resource_keep_every_statement()
    {
        var place = new InMemoryResourcePolicy(null);
        var sids = Enumerable.Range(1, 12).Select(i => "Sid" + i).ToList();

        // Every plan reads the same empty policy first, as parallel Set-MRGroupPolicy calls would.
        var plans = await Task.WhenAll(sids.Select(sid => PlanMergeAsync(place, sid)));
        var outcomes = await Task.WhenAll(plans.Select(plan => Task.Run(() => plan.ApplyAsync(plan.Changes[0], CancellationToken.None))));

        Assert.All(outcomes, o => Assert.Equal(ResourceChangeStatus.Verified, o.ChangeStatus));
        Assert.Equal(sids.OrderBy(s => s), place.Current!.Statements.Select(s => s.Sid!).OrderBy(s => s));
    }

    [Fact]
    public async Task A_retry_after_another_writer_that_fails_says_the_first_write_was_applied()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"));
        var plan = await PlanMergeAsync(place, "Ours");
        place.OnRead = () =>
        {
            if (place.Writes == 1 && place.RefuseWritesWith is null)
            {
                place.Stored = Document("Theirs").ToJson();
                place.RefuseWritesWith = new AmazonServiceException("Rate exceeded") { ErrorCode = "ThrottlingException" };
            }
        };

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.Equal("Applied, but a retry after another writer failed: ThrottlingException: Rate exceeded", outcome.Message);
        Assert.Equal(2, place.Writes);
    }

    [Fact]
    public async Task A_write_that_cannot_be_read_back_fails_saying_it_was_applied()
    {
        var place = new InMemoryResourcePolicy(null);
        var plan = await PlanMergeAsync(place, "Ours");
        place.OnRead = () =>
        {
            if (place.Writes == 1)
            {
                throw new AmazonServiceException("Access Denied") { ErrorCode = "AccessDenied" };
            }
        };

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.Equal("Applied, but it could not be read back to verify: AccessDenied: Access Denied", outcome.Message);
        Assert.Equal(new[] { "Ours" }, place.Current!.Statements.Select(s => s.Sid));
    }

    [Fact]
    public async Task A_policy_someone_keeps_deleting_is_written_three_times_and_then_fails_saying_there_is_none()
    {
        var place = new InMemoryResourcePolicy(null);
        var plan = await PlanMergeAsync(place, "Ours");
        place.OnRead = () => place.Stored = null;

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.Equal("Applied 3 times, but reading it back shows something else: the resource has none.", outcome.Message);
        Assert.Equal(3, place.Writes);
    }

    [Fact]
    public async Task A_resource_that_cannot_be_read_is_planned_as_failed_with_nothing_to_show()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs")) { RefuseReadsWith = new AmazonServiceException("Access Denied") { ErrorCode = "AccessDenied" } };

        var change = (await PlanMergeAsync(place, "Ours")).Changes[0];

        Assert.Equal((ResourceChangeStatus.Failed, "Not planned: AccessDenied: Access Denied"), (change.ChangeStatus, change.Message));
        Assert.Equal((null, null, string.Empty), (change.CurrentPolicy, change.ProposedPolicy, change.Diff));
        Assert.Equal((ResourceKind.BucketPolicy, "222222222222", place.Target), (change.ResourceKind, change.AccountId, change.Target));
    }

    [Fact]
    public async Task A_proposal_over_the_size_limit_is_planned_as_failed_and_blocks_the_plan()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"), PolicySizeLimit.EcrRepositoryPolicy, ResourceKind.RepositoryPolicy);

        var plan = await PlanMergeAsync(place, "Ours", filler: 80);
        var change = plan.Changes[0];

        Assert.Equal(ResourceChangeStatus.Failed, change.ChangeStatus);
        Assert.StartsWith("Not applied: ", change.Message);
        Assert.Contains("accepts at most 10,240 characters", change.Message);
        Assert.NotNull(plan.Blocker);
        // The plan still shows what was read and what would have been written, indented as plans show policies.
        Assert.Equal(Document("Theirs").ToJson(indented: true), change.CurrentPolicy);
        Assert.Contains("\n", change.ProposedPolicy);
        Assert.Contains("+ ", change.Diff);
    }

    [Fact]
    public async Task A_policy_that_grows_past_the_limit_after_the_plan_is_not_written()
    {
        var place = new InMemoryResourcePolicy(Document("Theirs"), PolicySizeLimit.EcrRepositoryPolicy, ResourceKind.RepositoryPolicy);
        var plan = await PlanMergeAsync(place, "Ours");
        place.Stored = Filled(Document("Theirs"), 80).ToJson();

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.StartsWith("Not applied: ", outcome.Message);
        Assert.Contains("accepts at most 10,240 characters", outcome.Message);
        Assert.Equal(0, place.Writes);
    }

    private static async Task<ChangePlan> PlanMergeAsync(InMemoryResourcePolicy place, string sid, int filler = 0) =>
        new(new[] { await ChangePlanner.PlanAsync(place, current => PolicyMerge.Merge(current, Filled(Document(sid), filler).Statements), CancellationToken.None) });

    /// <summary>The document with <paramref name="count"/> more statements, to reach a size limit.</summary>
    private static PolicyDocument Filled(PolicyDocument document, int count) => Enumerable.Range(0, count).Aggregate(document, (policy, i) => policy.WithStatement(PolicyStatement.Parse(
        $$"""{"Sid":"Filler{{i}}","Effect":"Allow","Principal":{"AWS":"333333333333"},"Action":"ecr:BatchGetImage","Resource":"arn:aws:ecr:us-east-1:222222222222:repository/iris"}""")));

    private static PolicyDocument Document(string sid) => PolicyDocument.Parse(
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}""");
}
