using Amazon.Runtime;
using CsCheck;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

public sealed class CrossAccountPlannerTests
{
    private static readonly CrossAccountGrant Grant = new(
        "111111111111", "222222222222", "Iris-Models", "iris-inference", "training-artifacts", "models/", "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");

    private static readonly ResourceKind[] PolicyResources =
    {
        ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.ModelGroupPolicy,
    };

    private static readonly PolicyDocument Foreign = PolicyDocument.Parse("""
        {"Version":"2012-10-17","Statement":[
          {"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::training-artifacts/audit/*"},
          {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::training-artifacts/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
        """);

    public static TheoryData<ResourceKind> Resources() => new(PolicyResources);

    /// <summary>Plans one resource's grant or revoke, as Grant-/Revoke-MRCrossAccountAccess do.</summary>
    private static (ResourceChange Change, ChangePlan Plan) Plan(ResourceKind resource, InMemoryResourcePolicy place, bool granting)
    {
        var plan = new ChangePlan(new[] { ChangePlanner.PlanAsync(place, CrossAccountPlanner.Propose(Grant, resource, granting), CancellationToken.None).GetAwaiter().GetResult() });
        return (plan.Changes[0], plan);
    }

    private static Task<ResourceChange> Apply((ResourceChange Change, ChangePlan Plan) planned) => planned.Plan.ApplyAsync(planned.Change, CancellationToken.None);

    [Fact]
    public void Statements_use_exact_arns_and_stable_sids()
    {
        var repository = Assert.Single(CrossAccountStatements.For(Grant, ResourceKind.RepositoryPolicy));
        Assert.Equal("ModelRegistryCrossAccountRead111111111111", repository.Sid);
        Assert.Equal(new[] { "arn:aws:ecr:us-east-1:222222222222:repository/iris-inference" }, repository.Resources);
        Assert.Equal(new[] { "arn:aws:iam::111111111111:root" }, repository.Principal!.Aws);
        Assert.Equal(new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:Describe*" }, repository.Actions);

        var bucket = CrossAccountStatements.For(Grant, ResourceKind.BucketPolicy);
        Assert.Equal(new[] { "ModelRegistryCrossAccountRead111111111111", "ModelRegistryCrossAccountReadBucket111111111111" }, bucket.Select(s => s.Sid));
        Assert.All(bucket, s => Assert.Equal(new[] { "arn:aws:iam::111111111111:root" }, s.Principal!.Aws));
        Assert.Equal(new[] { "arn:aws:s3:::training-artifacts/models/*" }, bucket[0].Resources);
        Assert.Equal(new[] { "s3:GetObject", "s3:GetObjectAcl" }, bucket[0].Actions);
        Assert.Equal(new[] { "arn:aws:s3:::training-artifacts" }, bucket[1].Resources);
        Assert.Equal(new[] { "s3:GetBucketAcl" }, bucket[1].Actions);

        var group = Assert.Single(CrossAccountStatements.For(Grant, ResourceKind.ModelGroupPolicy));
        Assert.Equal("ModelRegistryCrossAccountRegister222222222222", group.Sid);
        Assert.Equal(new[] { "arn:aws:iam::222222222222:root" }, group.Principal!.Aws);
        Assert.Equal(
            new[] { "sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup" },
            group.Actions);
        Assert.Equal(
            new[] { "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/iris-models", "arn:aws:sagemaker:us-east-1:111111111111:model-package/iris-models/*" },
            group.Resources);
        Assert.Equal("arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab", Grant.KmsKeyArn);
    }

    [Theory]
    [InlineData("KmsKeyId", "arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab", "models/", false, "belongs to account 999999999999")]
    [InlineData("KmsKeyId", "alias/training", "models/", false, "grants cannot be made on an alias")]
    [InlineData("KmsKeyId", "not a key", "models/", false, "give the key's id")]
    [InlineData("BucketPrefix", "1234abcd-12ab-34cd-56ef-1234567890ab", "*", false, "'*' and '?' are wildcards")]
    [InlineData("BucketPrefix", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/v?/", false, "'*' and '?' are wildcards")]
    [InlineData("BucketPrefix", "1234abcd-12ab-34cd-56ef-1234567890ab", null, false, "or -WholeBucket")]
    [InlineData("WholeBucket", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/", true, "not both")]
    [InlineData("TrainingAccountId", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/", false, "the same account")]
    [InlineData("RepositoryName", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/", false, "an ECR repository name")]
    [InlineData("BucketName", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/", false, "an S3 bucket name")]
    [InlineData("ModelGroupName", "1234abcd-12ab-34cd-56ef-1234567890ab", "models/", false, "a model group name")]
    public void A_set_up_that_cannot_be_right_is_refused_naming_the_parameter(string parameter, string key, string? prefix, bool wholeBucket, string rule)
    {
        var training = parameter == "TrainingAccountId" ? "111111111111" : "222222222222";

        var repository = parameter == "RepositoryName" ? "r" : "iris-inference";
        var bucket = parameter == "BucketName" ? "Bad_Bucket" : "training-artifacts";
        var group = parameter == "ModelGroupName" ? "a b" : "g";

        var error = Assert.Throws<ModelRegistryException>(() => new CrossAccountGrant("111111111111", training, group, repository, bucket, prefix, key, "us-east-1", wholeBucket));

        Assert.Equal(ErrorIds.InvalidCrossAccountGrant, error.ErrorId);
        Assert.Equal(parameter, error.ParameterName);
        Assert.StartsWith("-" + parameter + ":", error.Message);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void A_prefix_longer_than_an_object_key_is_refused_and_the_whole_bucket_must_be_asked_for()
    {
        Assert.Throws<ModelRegistryException>(() => new CrossAccountGrant("111111111111", "222222222222", "g", "iris-inference", "training-artifacts", new string('p', 1025), "mrk-1234567890abcdef1234567890abcdef", "us-east-1"));

        var whole = new CrossAccountGrant("111111111111", "222222222222", "g", "iris-inference", "training-artifacts", null, "mrk-1234567890abcdef1234567890abcdef", "us-east-1", wholeBucket: true);

        Assert.Equal("arn:aws:s3:::training-artifacts/*", whole.ObjectsArn);
        Assert.EndsWith("-BucketName 'training-artifacts' -WholeBucket -KmsKeyId 'mrk-1234567890abcdef1234567890abcdef' -Region 'us-east-1'", whole.CommandLine("Grant-MRCrossAccountAccess"));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Grant_adds_our_statements_and_keeps_every_foreign_statement(ResourceKind resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);

        var plan = Plan(resource, place, true);
        var outcome = await Apply(plan);

        Assert.Equal(ResourceChangeStatus.WillChange, plan.Change.ChangeStatus);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        var stored = place.Current!;
        Assert.Equal(Foreign.Statements.Select(s => s.ToJson()), stored.Statements.Take(2).Select(s => s.ToJson()));
        foreach (var ours in CrossAccountStatements.For(Grant, resource))
        {
            Assert.Contains($"+ Add statement '{ours.Sid}'", plan.Change.Diff);
            Assert.True(PolicyStatement.SemanticallyEquals(ours, stored.FindStatement(ours.Sid!)!));
        }
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task A_second_grant_is_unchanged_and_writes_nothing(ResourceKind resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);
        await Apply(Plan(resource, place, true));

        var again = Plan(resource, place, true);
        var outcome = await Apply(again);

        Assert.Equal(ResourceChangeStatus.Unchanged, outcome.ChangeStatus);
        Assert.Equal("No changes to the policy.", again.Change.Diff);
        Assert.Equal(1, place.Writes);
    }

    [Fact]
    public void Our_statement_written_in_another_form_counts_as_unchanged()
    {
        var ours = CrossAccountStatements.For(Grant, ResourceKind.RepositoryPolicy)[0];
        var reordered = PolicyStatement.Parse($$"""
            {"Resource":"{{Grant.RepositoryArn}}","Action":["ecr:describe*","ECR:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Principal":{"AWS":"111111111111"},"Effect":"Allow","Sid":"{{ours.Sid}}"}
            """);
        var place = new InMemoryResourcePolicy(Foreign.WithStatement(reordered));

        Assert.Equal(ResourceChangeStatus.Unchanged, Plan(ResourceKind.RepositoryPolicy, place, true).Change.ChangeStatus);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Revoke_removes_only_our_statements(ResourceKind resource)
    {
        var place = new InMemoryResourcePolicy(Foreign);
        await Apply(Plan(resource, place, true));

        var revoke = Plan(resource, place, false);
        var outcome = await Apply(revoke);

        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.Equal(Foreign.ToJson(), place.Stored);
        Assert.DoesNotContain("AuditorReads", revoke.Change.Diff);
    }

    [Fact]
    public async Task A_grant_with_another_prefix_replaces_the_first_in_place()
    {
        var place = new InMemoryResourcePolicy(Foreign);
        await Apply(Plan(ResourceKind.BucketPolicy, place, true));
        var other = new CrossAccountGrant(
            Grant.RegistryAccountId, Grant.TrainingAccountId, Grant.ModelGroupName, Grant.RepositoryName, Grant.BucketName, "archive/", Grant.KmsKeyId, Grant.Region);

        var plan = new ChangePlan(new[] { await ChangePlanner.PlanAsync(place, CrossAccountPlanner.Propose(other, ResourceKind.BucketPolicy, true), CancellationToken.None) });
        await plan.ApplyAsync(plan.Changes[0], CancellationToken.None);

        Assert.StartsWith("~ Change statement 'ModelRegistryCrossAccountRead111111111111'", plan.Changes[0].Diff);
        var stored = place.Current!;
        Assert.Equal(
            new[] { "AuditorReads", null, "ModelRegistryCrossAccountRead111111111111", "ModelRegistryCrossAccountReadBucket111111111111" },
            stored.Statements.Select(s => s.Sid));
        Assert.Equal(new[] { "arn:aws:s3:::training-artifacts/archive/*" }, stored.FindStatement("ModelRegistryCrossAccountRead111111111111")!.Resources);
    }

    [Fact]
    public async Task Revoke_leaves_a_hand_written_statement_that_grants_the_same_access()
    {
        var handWritten = Foreign.WithStatement(PolicyStatement.Parse(
            CrossAccountStatements.For(Grant, ResourceKind.BucketPolicy)[0].ToJson().Replace("ModelRegistryCrossAccountRead111111111111", "HandWrittenRead")));
        var place = new InMemoryResourcePolicy(handWritten);
        await Apply(Plan(ResourceKind.BucketPolicy, place, true));

        var outcome = await Apply(Plan(ResourceKind.BucketPolicy, place, false));

        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.Equal(handWritten.ToJson(), place.Stored);
        Assert.Equal(ResourceChangeStatus.Unchanged, Plan(ResourceKind.BucketPolicy, place, false).Change.ChangeStatus);
    }

    [Fact]
    public async Task Revoke_deletes_a_policy_that_held_only_our_statements()
    {
        var place = new InMemoryResourcePolicy(null);
        await Apply(Plan(ResourceKind.BucketPolicy, place, true));

        var revoke = Plan(ResourceKind.BucketPolicy, place, false);
        var outcome = await Apply(revoke);

        Assert.Null(revoke.Change.ProposedPolicy);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.Null(place.Stored);
    }

    [Fact]
    public void Revoke_without_our_statements_is_unchanged()
    {
        Assert.Equal(ResourceChangeStatus.Unchanged, Plan(ResourceKind.BucketPolicy, new InMemoryResourcePolicy(Foreign), false).Change.ChangeStatus);
        Assert.Equal(ResourceChangeStatus.Unchanged, Plan(ResourceKind.BucketPolicy, new InMemoryResourcePolicy(null), false).Change.ChangeStatus);
    }

    [Fact]
    public async Task A_proposal_over_the_size_limit_fails_before_anything_is_written()
    {
        var filler = Enumerable.Range(0, 60).Aggregate(Foreign, (policy, i) => policy.WithStatement(PolicyStatement.Parse(
            $$"""{"Sid":"Filler{{i}}","Effect":"Allow","Principal":{"AWS":"333333333333"},"Action":"ecr:BatchGetImage","Resource":"{{Grant.RepositoryArn}}"}""")));

        var place = new InMemoryResourcePolicy(filler, PolicySizeLimit.EcrRepositoryPolicy);

        var outcome = await Apply(Plan(ResourceKind.RepositoryPolicy, place, true));

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.Contains("accepts at most 10,240 characters", outcome.Message);
        Assert.Equal(0, place.Writes);
    }

    [Fact]
    public async Task A_refused_write_is_reported_as_not_applied()
    {
        var place = new InMemoryResourcePolicy(Foreign) { RefuseWritesWith = new AmazonServiceException("Access Denied") { ErrorCode = "AccessDenied" } };

        var outcome = await Apply(Plan(ResourceKind.BucketPolicy, place, true));

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.Equal("Not applied: AccessDenied: Access Denied", outcome.Message);
        Assert.Equal(Foreign.ToJson(), place.Stored);
    }

    [Fact]
    public async Task A_write_that_reads_back_differently_fails_verification()
    {
        var place = new InMemoryResourcePolicy(Foreign) { StoreInstead = written => written.WithoutStatements(new[] { "ModelRegistryCrossAccountReadBucket111111111111" }) };

        var outcome = await Apply(Plan(ResourceKind.BucketPolicy, place, true));

        Assert.Equal(ResourceChangeStatus.Failed, outcome.ChangeStatus);
        Assert.StartsWith("Applied 3 times, but reading it back shows something else", outcome.Message);
        Assert.Contains("ModelRegistryCrossAccountReadBucket111111111111", outcome.Message);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Missing_permissions_are_found_by_evaluating_the_policy(ResourceKind resource)
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
        Assert.Empty(CrossAccountPlanner.MissingPermissions(Grant, ResourceKind.BucketPolicy, equivalent));

        var denied = equivalent.WithStatement(PolicyStatement.Parse(
            """{"Sid":"NoAcls","Effect":"Deny","Principal":"*","Action":"s3:GetObjectAcl","Resource":"arn:aws:s3:::training-artifacts/*"}"""));
        Assert.Equal(
            new[] { "s3:GetObjectAcl on arn:aws:s3:::training-artifacts/models/*" },
            CrossAccountPlanner.MissingPermissions(Grant, ResourceKind.BucketPolicy, denied));
    }

    [Fact]
    public void Grant_then_revoke_gives_back_any_foreign_policy()
    {
        Gen.Select(PolicyGenerators.ForeignPolicy, Gen.OneOf(PolicyResources.Select(Gen.Const).ToArray())).Sample(
            (foreign, resource) =>
            {
                var place = new InMemoryResourcePolicy(foreign);
                var granted = Apply(Plan(resource, place, true)).GetAwaiter().GetResult();
                var again = Plan(resource, place, true).Change;
                var revoked = Apply(Plan(resource, place, false)).GetAwaiter().GetResult();

                Assert.Equal(ResourceChangeStatus.Verified, granted.ChangeStatus);
                Assert.Equal(ResourceChangeStatus.Unchanged, again.ChangeStatus);
                Assert.Equal(ResourceChangeStatus.Verified, revoked.ChangeStatus);
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
