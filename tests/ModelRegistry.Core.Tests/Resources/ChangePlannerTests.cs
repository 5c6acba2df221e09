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
        place.Stored = Document("Theirs").ToJson();

        var outcome = await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Verified, outcome.Status);
        Assert.Equal(new[] { "Theirs", "Ours" }, place.Current!.Statements.Select(s => s.Sid));
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

        Assert.Equal(ResourceChangeStatus.Verified, outcome.Status);
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

        Assert.All(outcomes, o => Assert.Equal(ResourceChangeStatus.Verified, o.Status));
        Assert.Equal(sids.OrderBy(s => s), place.Current!.Statements.Select(s => s.Sid!).OrderBy(s => s));
    }

    private static async Task<ChangePlan> PlanMergeAsync(InMemoryResourcePolicy place, string sid) =>
        new(new[] { await ChangePlanner.PlanAsync(place, current => PolicyMerge.Merge(current, Document(sid).Statements), CancellationToken.None) });

    private static PolicyDocument Document(string sid) => PolicyDocument.Parse(
        $$"""{"Version":"2012-10-17","Statement":[{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}""");
}
