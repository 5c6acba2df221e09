using Amazon.Runtime;
using CsCheck;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Tests.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

public sealed class CrossAccountPlannerTests
{
    private static readonly CrossAccountGrant Grant = new(
        "111111111111", "222222222222", "Iris-Models", "iris-inference", "training-artifacts", "models/", "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");

    private static readonly CrossAccountResource[] PolicyResources =
    {
        CrossAccountResource.RepositoryPolicy, CrossAccountResource.BucketPolicy, CrossAccountResource.ModelGroupPolicy,
    };

    private static readonly PolicyDocument Foreign = PolicyDocument.Parse("""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::training-artifacts/audit/*"},
          {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::training-artifacts/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
        """);

    public static TheoryData<CrossAccountResource> Resources() => new(PolicyResources);

    [Fact]
    public void Statements_use_exact_arns_and_stable_sids()
    {
        var repository = Assert.Single(CrossAccountStatements.For(Grant, CrossAccountResource.RepositoryPolicy));
        Assert.Equal("ModelRegistryCrossAccountRead111111111111", repository.Sid);
        Assert.Equal(new[] { "arn:aws:ecr:us-east-1:222222222222:repository/iris-inference" }, repository.Resources);
        Assert.Equal(new[] { "arn:aws:iam::111111111111:root" }, repository.Principal!.Aws);

        var bucket = CrossAccountStatements.For(Grant, CrossAccountResource.BucketPolicy);
        Assert.Equal(new[] { "arn:aws:s3:::training-artifacts/models/*" }, bucket[0].Resources);
        Assert.Equal(new[] { "s3:GetObject", "s3:GetObjectAcl" }, bucket[0].Actions);
        Assert.Equal(new[] { "arn:aws:s3:::training-artifacts" }, bucket[1].Resources);
        Assert.Equal(new[] { "s3:GetBucketAcl" }, bucket[1].Actions);

        var group = Assert.Single(CrossAccountStatements.For(Grant, CrossAccountResource.ModelGroupPolicy));
        Assert.Equal("ModelRegistryCrossAccountRegister222222222222", group.Sid);
        Assert.Equal(
            new[] { "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/iris-models", "arn:aws:sagemaker:us-east-1:111111111111:model-package/iris-models/*" },
            group.Resources);
        Assert.Equal("arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab", Grant.KmsKeyArn);
    }

    [Fact]
    public void A_key_of_another_account_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CrossAccountGrant(
            "111111111111", "222222222222", "g", "r", "b", null, "arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1"));
        Assert.Contains("999999999999", error.Message);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Grant_adds_our_statements_and_keeps_every_foreign_statement(CrossAccountResource resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);

        var plan = CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: true, place);
        var outcome = await plan.ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.WillChange, plan.Status);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.Status);
        var stored = place.Current!;
        Assert.Equal(Foreign.Statements.Select(s => s.ToJson()), stored.Statements.Take(2).Select(s => s.ToJson()));
        foreach (var ours in CrossAccountStatements.For(Grant, resource))
        {
            Assert.Contains($"+ Add statement '{ours.Sid}'", plan.Diff);
            Assert.True(PolicyStatement.SemanticallyEquals(ours, stored.FindStatement(ours.Sid!)!));
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_second_grant_is_unchanged_and_writes_nothing(CrossAccountResource resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);
        await CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: true, place).ApplyAsync(CancellationToken.None);

        var again = CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: true, place);
        var outcome = await again.ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Unchanged, outcome.Status);
        Assert.Equal("No changes to the policy.", again.Diff);
        Assert.Equal(1, place.Writes);
    }

    [Fact]
    public void Our_statement_written_in_another_form_counts_as_unchanged()
    {
        var ours = CrossAccountStatements.For(Grant, CrossAccountResource.RepositoryPolicy)[0];
        var reordered = PolicyStatement.Parse($$"""
            {"Resource":"{{Grant.RepositoryArn}}","Action":["ecr:describe*","ECR:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Principal":{"AWS":"111111111111"},"Effect":"Allow","Sid":"{{ours.Sid}}"}
            """);
        var place = new InMemoryResourcePolicy(Foreign.WithStatement(reordered));

        Assert.Equal(ResourceChangeStatus.Unchanged, CrossAccountPlanner.Plan(Grant, CrossAccountResource.RepositoryPolicy, place.Current, true, place).Status);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Revoke_removes_only_our_statements(CrossAccountResource resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);
        await CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: true, place).ApplyAsync(CancellationToken.None);

        var revoke = CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: false, place);
        var outcome = await revoke.ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Verified, outcome.Status);
        Assert.Equal(Foreign.ToJson(), place.Stored);
        Assert.DoesNotContain("AuditorReads", revoke.Diff);
    }

    [Fact]
    public async Task Revoke_deletes_a_policy_that_held_only_our_statements()
    {
        var place = new InMemoryResourcePolicy(null);
        await CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, null, granting: true, place).ApplyAsync(CancellationToken.None);

        var revoke = CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, place.Current, granting: false, place);
        var outcome = await revoke.ApplyAsync(CancellationToken.None);

        Assert.Null(revoke.ProposedPolicy);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.Status);
        Assert.Null(place.Stored);
    }

    [Fact]
    public void Revoke_without_our_statements_is_unchanged()
    {
        var place = new InMemoryResourcePolicy(Foreign);

        Assert.Equal(ResourceChangeStatus.Unchanged, CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, Foreign, false, place).Status);
        Assert.Equal(ResourceChangeStatus.Unchanged, CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, null, false, place).Status);
    }

    [Fact]
    public async Task A_proposal_over_the_size_limit_fails_before_anything_is_written()
    {
        var place = new InMemoryResourcePolicy(Foreign, PolicySizeLimit.EcrRepositoryPolicy);
        var filler = Enumerable.Range(0, 60).Aggregate(Foreign, (policy, i) => policy.WithStatement(PolicyStatement.Parse(
            $$"""{"Sid":"Filler{{i}}","Effect":"Allow","Principal":{"AWS":"333333333333"},"Action":"ecr:BatchGetImage","Resource":"{{Grant.RepositoryArn}}"}""")));

        var plan = CrossAccountPlanner.Plan(Grant, CrossAccountResource.RepositoryPolicy, filler, granting: true, place);
        var outcome = await plan.ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.Status);
        Assert.Contains("accepts at most 10,240 characters", outcome.Message);
        Assert.Equal(0, place.Writes);
    }

    [Fact]
    public async Task A_refused_write_is_reported_as_not_applied()
    {
        var place = new InMemoryResourcePolicy(Foreign) { RefuseWritesWith = new AmazonServiceException("Access Denied") { ErrorCode = "AccessDenied" } };

        var outcome = await CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, Foreign, true, place).ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.Status);
        Assert.Equal("Not applied: AccessDenied: Access Denied", outcome.Message);
        Assert.Equal(Foreign.ToJson(), place.Stored);
    }

    [Fact]
    public async Task A_write_that_reads_back_differently_fails_verification()
    {
        var place = new InMemoryResourcePolicy(Foreign) { StoreInstead = written => written.WithoutStatements(new[] { "ModelRegistryCrossAccountReadBucket111111111111" }) };

        var outcome = await CrossAccountPlanner.Plan(Grant, CrossAccountResource.BucketPolicy, Foreign, true, place).ApplyAsync(CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Failed, outcome.Status);
        Assert.StartsWith("Applied, but reading it back shows something else", outcome.Message);
        Assert.Contains("ModelRegistryCrossAccountReadBucket111111111111", outcome.Message);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Missing_permissions_are_found_by_evaluating_the_policy(CrossAccountResource resource)
    {
        var granted = PolicyMerge.Merge(Foreign, CrossAccountStatements.For(Grant, resource));

        Assert.Empty(CrossAccountPlanner.MissingPermissions(Grant, resource, granted));
        Assert.NotEmpty(CrossAccountPlanner.MissingPermissions(Grant, resource, Foreign));
        Assert.Equal(
            CrossAccountPlanner.MissingPermissions(Grant, resource, null),
            CrossAccountPlanner.MissingPermissions(Grant, resource, Foreign));
    }

    [Fact]
    public void An_equivalent_statement_written_by_someone_else_counts_and_a_deny_wins()
    {
        var equivalent = PolicyDocument.Parse($$"""
            {"Statement":[{"Sid":"HandWritten","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:Get*","Resource":["arn:aws:s3:::training-artifacts","arn:aws:s3:::training-artifacts/*"]}]}
            """);
        Assert.Empty(CrossAccountPlanner.MissingPermissions(Grant, CrossAccountResource.BucketPolicy, equivalent));

        var denied = equivalent.WithStatement(PolicyStatement.Parse(
            """{"Sid":"NoAcls","Effect":"Deny","Principal":"*","Action":"s3:GetObjectAcl","Resource":"arn:aws:s3:::training-artifacts/*"}"""));
        Assert.Equal(
            new[] { "s3:GetObjectAcl on arn:aws:s3:::training-artifacts/models/*" },
            CrossAccountPlanner.MissingPermissions(Grant, CrossAccountResource.BucketPolicy, denied));
    }

    [Fact]
    public void Grant_then_revoke_gives_back_any_foreign_policy()
    {
        Gen.Select(PolicyGenerators.ForeignPolicy, Gen.OneOf(PolicyResources.Select(Gen.Const).ToArray())).Sample(
            (foreign, resource) =>
            {
                var place = new InMemoryResourcePolicy(foreign);
                var granted = CrossAccountPlanner.Plan(Grant, resource, foreign, granting: true, place).ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();
                var again = CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: true, place);
                var revoked = CrossAccountPlanner.Plan(Grant, resource, place.Current, granting: false, place).ApplyAsync(CancellationToken.None).GetAwaiter().GetResult();

                Assert.Equal(ResourceChangeStatus.Verified, granted.Status);
                Assert.Equal(ResourceChangeStatus.Unchanged, again.Status);
                Assert.Equal(ResourceChangeStatus.Verified, revoked.Status);
                // The stored text is re-read between runs, so a lone statement written as an object comes back as a list.
                if (foreign.Statements.Count == 0)
                {
                    Assert.Null(place.Stored);
                }
                else
                {
                    Assert.True(PolicyDocument.SemanticallyEquals(foreign, place.Current!));
                    Assert.Equal(foreign.Statements.Select(s => s.ToJson()), place.Current!.Statements.Select(s => s.ToJson()));
                }
            },
            iter: 300);
    }
}
