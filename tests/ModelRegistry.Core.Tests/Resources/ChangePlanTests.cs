using ModelRegistry.Core.Resources;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>A plan as a whole: what blocks it, which changes it applies, and the closing summary people read.</summary>
public sealed class ChangePlanTests
{
    private const string RepositoryArn = "arn:aws:ecr:us-east-1:222222222222:repository/iris-inference";
    private const string KeyArn = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/iris-models";

    private static ResourceChange Change(ResourceKind kind, ResourceChangeStatus status, string target = RepositoryArn, string? command = null) =>
        new(kind, kind == ResourceKind.ModelGroupPolicy ? "111111111111" : "222222222222", target, status, null, "{}", "+ Ours", command: command);

    /// <summary>The plan these outcomes came from: every change planned, skipped ones skipped.</summary>
    private static ChangePlan PlanOf(IEnumerable<ResourceChange> outcomes) => new(outcomes.Select(outcome =>
        ChangePlanner.Final(outcome.ChangeStatus == ResourceChangeStatus.Skipped ? outcome : outcome.With(ResourceChangeStatus.WillChange, null))));

    [Fact]
    public async Task Nothing_is_applied_while_resources_cannot_be_changed_and_the_blocker_names_them_all()
    {
        var applied = 0;
        var willChange = Change(ResourceKind.BucketPolicy, ResourceChangeStatus.WillChange, "arn:aws:s3:::training-artifacts");
        var plan = new ChangePlan([
            ChangePlanner.Final(Change(ResourceKind.RepositoryPolicy, ResourceChangeStatus.Failed)),
            new PlannedChange(willChange, _ => { applied++; return Task.FromResult(willChange.With(ResourceChangeStatus.Verified, null)); }),
            ChangePlanner.Final(Change(ResourceKind.KmsGrant, ResourceChangeStatus.Failed, KeyArn)),
        ]);

        var outcome = await plan.ApplyAsync(willChange, CancellationToken.None);

        Assert.Equal($"nothing is written while the RepositoryPolicy, KmsGrant of {RepositoryArn}, {KeyArn} cannot be changed", plan.Blocker);
        Assert.Equal((ResourceChangeStatus.WillChange, $"Not applied: {plan.Blocker}."), (outcome.ChangeStatus, outcome.Message));
        Assert.Equal(0, applied);
        Assert.Equal([$"Nothing was written: {plan.Blocker}. Fix the cause and run the same command again."], plan.Summarize([outcome]));
    }

    [Fact]
    public async Task A_change_of_another_plan_is_refused()
    {
        var plan = new ChangePlan([ChangePlanner.Final(Change(ResourceKind.BucketPolicy, ResourceChangeStatus.Unchanged))]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => plan.ApplyAsync(Change(ResourceKind.BucketPolicy, ResourceChangeStatus.Unchanged), CancellationToken.None));

        Assert.Equal("change", error.ParamName);
        Assert.StartsWith("The change is not one of this plan's.", error.Message);
    }

    [Fact]
    public void Skipped_resources_are_summarised_once_with_their_administrator_s_command()
    {
        const string Command = "Grant-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222'";
        var outcomes = new[]
        {
            Change(ResourceKind.RepositoryPolicy, ResourceChangeStatus.Skipped, command: Command),
            Change(ResourceKind.BucketPolicy, ResourceChangeStatus.Skipped, command: Command),
            Change(ResourceKind.ModelGroupPolicy, ResourceChangeStatus.Verified, GroupArn),
        };

        var summary = PlanOf(outcomes).Summarize(outcomes);

        Assert.Equal([$"Skipped RepositoryPolicy, BucketPolicy of account 222222222222: no credentials for it were given. Its administrator runs:\n{Command}"], summary);
    }

    [Fact]
    public void Failures_among_several_resources_are_summarised_with_what_is_in_place()
    {
        var outcomes = new[]
        {
            Change(ResourceKind.RepositoryPolicy, ResourceChangeStatus.Failed),
            Change(ResourceKind.KmsGrant, ResourceChangeStatus.Failed, KeyArn),
        };

        var summary = PlanOf(outcomes).Summarize(outcomes);

        Assert.Equal(["2 of 2 resources failed; in place: none. Fix the cause and run the same command again: it changes only what is still missing."], summary);
    }

    [Fact]
    public void Nothing_is_summarised_when_everything_is_in_place_or_a_single_resource_failed()
    {
        var done = new[] { Change(ResourceKind.RepositoryPolicy, ResourceChangeStatus.Verified), Change(ResourceKind.ModelGroupPolicy, ResourceChangeStatus.Unchanged, GroupArn) };
        var single = new[] { Change(ResourceKind.ModelGroupPolicy, ResourceChangeStatus.Failed, GroupArn) };

        // A single failure is reported by its own error; a summary would only repeat it.
        Assert.Empty(PlanOf(done).Summarize(done));
        Assert.Empty(PlanOf(single).Summarize(single));
    }

    [Fact]
    public void A_change_says_whose_administrator_makes_it()
    {
        Assert.Equal(
            ["Training", "Training", "Training", "Registry"],
            Enum.GetValues<ResourceKind>().Select(kind => Change(kind, ResourceChangeStatus.WillChange).Side));
        Assert.Equal($"KmsGrant {KeyArn}: Verified", Change(ResourceKind.KmsGrant, ResourceChangeStatus.Verified, KeyArn).ToString());
    }
}
