using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>The cross-account orchestration against in-memory resources: identify accounts, plan,
/// apply, verify, summarise, revoke, test.</summary>
public sealed class CrossAccountAccessTests
{
    private const string RegistryAccount = "111111111111";
    private const string TrainingAccount = "222222222222";

    private static readonly CrossAccountGrant Grant = new(
        RegistryAccount, TrainingAccount, "Iris-Models", "iris-inference", "training-artifacts", "models/", "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");

    private static readonly PolicyDocument Foreign = PolicyDocument.Parse("""
        {"Version":"2012-10-17","Statement":[{"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::training-artifacts/audit/*"}]}
        """);

    private static readonly ResolvedConnection RegistryConnection = Connection("AKIAREGISTRY", "registry credentials");
    private static readonly ResolvedConnection TrainingConnection = Connection("AKIATRAINING", "training credentials");
    private static readonly ResolvedConnection OtherConnection = Connection("AKIAOTHER", "other credentials");

    [Fact]
    public async Task Grant_applies_all_four_resources_verifies_them_and_keeps_foreign_statements()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var outcomes = await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));

        Assert.Equal(new[] { ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.KmsGrant, ResourceKind.ModelGroupPolicy }, outcomes.Select(o => o.ResourceKind));
        Assert.All(outcomes, o => Assert.Equal(ResourceChangeStatus.Verified, o.ChangeStatus));
        foreach (var policy in resources.Policies.Values)
        {
            Assert.Equal(Foreign.Statements[0].ToJson(), policy.Current!.FindStatement("AuditorReads")!.ToJson());
        }

        var grant = Assert.Single(resources.Key.Grants);
        Assert.Equal(new[] { "Decrypt", "GenerateDataKey" }, grant.Operations);
        Assert.Equal("arn:aws:iam::111111111111:root", grant.GranteePrincipal);
        Assert.All(await access.CheckAsync(CancellationToken.None), check => Assert.Equal(AccessCheckResult.Passed, check.CheckResult));
    }

    [Fact]
    public async Task A_second_grant_is_unchanged_everywhere_and_writes_nothing()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);
        await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));
        var writes = resources.Writes;

        var again = await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));

        Assert.All(again, o => Assert.Equal(ResourceChangeStatus.Unchanged, o.ChangeStatus));
        Assert.Equal(writes, resources.Writes);
    }

    [Fact]
    public async Task Revoke_removes_exactly_what_grant_added_on_all_four_resources()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.Grants.Add(new KmsGrantEntry("theirs", "SomeoneElses", "arn:aws:iam::111111111111:root", new[] { "Decrypt" }));
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);
        await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));

        var revoked = await ApplyAllAsync(await access.PlanRevokeAsync(CancellationToken.None));

        Assert.All(revoked, o => Assert.Equal(ResourceChangeStatus.Verified, o.ChangeStatus));
        Assert.All(resources.Policies.Values, policy => Assert.Equal(Foreign.ToJson(), policy.Stored));
        Assert.Equal("theirs", Assert.Single(resources.Key.Grants).GrantId);
        Assert.All(await access.CheckAsync(CancellationToken.None), check => Assert.Equal(AccessCheckResult.Failed, check.CheckResult));
    }

    [Fact]
    public async Task A_resource_that_cannot_be_read_blocks_every_write()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.RefuseReadsWith = new AmazonServiceException("Key not found") { ErrorCode = "NotFoundException" };
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);
        var plan = await access.PlanGrantAsync(CancellationToken.None);

        var outcomes = await ApplyAllAsync(plan);

        Assert.Equal(0, resources.Writes);
        Assert.Equal(
            new[] { ResourceChangeStatus.WillChange, ResourceChangeStatus.WillChange, ResourceChangeStatus.Failed, ResourceChangeStatus.WillChange },
            outcomes.Select(o => o.ChangeStatus));
        Assert.Equal("Not planned: NotFoundException: Key not found", outcomes[2].Message);
        Assert.StartsWith("Not applied: nothing is written while the KmsGrant", outcomes[0].Message);
        Assert.Contains(plan.Summarize(outcomes), line => line.StartsWith("Nothing was written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_that_fails_part_way_is_summarised_and_a_rerun_finishes_the_job()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        var bucket = resources.Policies[ResourceKind.BucketPolicy];
        bucket.RefuseWritesWith = new AmazonServiceException("Access Denied") { ErrorCode = "AccessDenied" };
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);
        var plan = await access.PlanGrantAsync(CancellationToken.None);

        var outcomes = await ApplyAllAsync(plan);

        Assert.Equal(
            new[] { ResourceChangeStatus.Verified, ResourceChangeStatus.Failed, ResourceChangeStatus.Verified, ResourceChangeStatus.Verified },
            outcomes.Select(o => o.ChangeStatus));
        Assert.Contains("1 of 4 resources failed; in place: RepositoryPolicy, KmsGrant, ModelGroupPolicy", string.Join("\n", plan.Summarize(outcomes)));

        bucket.RefuseWritesWith = null;
        var rerun = await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));
        Assert.Equal(
            new[] { ResourceChangeStatus.Unchanged, ResourceChangeStatus.Verified, ResourceChangeStatus.Unchanged, ResourceChangeStatus.Unchanged },
            rerun.Select(o => o.ChangeStatus));
    }

    [Fact]
    public async Task A_side_without_credentials_is_skipped_with_the_command_for_its_administrator()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, null, TrainingConnection);
        var plan = await access.PlanGrantAsync(CancellationToken.None);

        var outcomes = await ApplyAllAsync(plan);

        Assert.Equal(
            new[] { ResourceChangeStatus.Verified, ResourceChangeStatus.Verified, ResourceChangeStatus.Verified, ResourceChangeStatus.Skipped },
            outcomes.Select(o => o.ChangeStatus));
        Assert.Equal(
            "Grant-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName 'Iris-Models' -RepositoryName 'iris-inference' -BucketName 'training-artifacts' -BucketPrefix 'models/' -KmsKeyId '1234abcd-12ab-34cd-56ef-1234567890ab' -Region 'us-east-1'",
            outcomes[3].Command);
        Assert.Equal(0, resources.Policies[ResourceKind.ModelGroupPolicy].Writes);
        Assert.Contains(plan.Summarize(outcomes), line => line.Contains(outcomes[3].Command!));
        Assert.Equal(AccessCheckResult.NotChecked, (await access.CheckAsync(CancellationToken.None))[3].CheckResult);
    }

    [Fact]
    public async Task Revoke_skips_a_side_without_credentials_with_the_revoke_command_for_its_administrator()
    {
        using var access = await OpenAsync(new InMemoryCrossAccountResources(Foreign), RegistryConnection, null);
        var plan = await access.PlanRevokeAsync(CancellationToken.None);

        var outcomes = await ApplyAllAsync(plan);

        Assert.Equal(
            new[] { ResourceChangeStatus.Skipped, ResourceChangeStatus.Skipped, ResourceChangeStatus.Skipped, ResourceChangeStatus.Unchanged },
            outcomes.Select(o => o.ChangeStatus));
        Assert.All(outcomes.Take(3), o => Assert.StartsWith("Revoke-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222'", o.Command));
        Assert.Contains(plan.Summarize(outcomes), line => line.StartsWith("Skipped RepositoryPolicy, BucketPolicy, KmsGrant of account 222222222222", StringComparison.Ordinal)
            && line.EndsWith(outcomes[0].Command!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_check_without_credentials_for_a_side_is_summarised_with_the_test_command_for_its_administrator()
    {
        using var access = await OpenAsync(new InMemoryCrossAccountResources(Foreign), null, TrainingConnection);

        var checks = await access.CheckAsync(CancellationToken.None);

        Assert.Equal(AccessCheckResult.NotChecked, checks[3].CheckResult);
        Assert.StartsWith("Test-MRCrossAccountAccess -RegistryAccountId '111111111111'", checks[3].Command);
        Assert.Equal(
            new[] { $"Not checked: ModelGroupPolicy of account 111111111111: no credentials for it were given. Its administrator runs:\n{checks[3].Command}" },
            CrossAccountAccess.Summarize(checks));
        Assert.Empty(CrossAccountAccess.Summarize(checks.Take(3).ToList()));
    }

    [Fact]
    public async Task The_key_check_counts_every_grant_to_the_registry_account_whatever_its_name()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.Grants.Add(new KmsGrantEntry("theirs", "HandMadeDecrypt", "arn:aws:iam::111111111111:root", new[] { "Decrypt" }));
        resources.Key.Grants.Add(new KmsGrantEntry("theirs-too", "HandMadeDataKey", "arn:aws:iam::111111111111:root", new[] { "GenerateDataKey" }));
        resources.Key.Grants.Add(new KmsGrantEntry("elsewhere", "ModelRegistryCrossAccount-111111111111", "arn:aws:iam::333333333333:root", new[] { "Decrypt", "GenerateDataKey" }));
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var key = (await access.CheckAsync(CancellationToken.None))[2];

        Assert.Equal(AccessCheckResult.Passed, key.CheckResult);
        resources.Key.Grants.RemoveAll(g => g.GrantId == "theirs-too");
        var partial = (await access.CheckAsync(CancellationToken.None))[2];
        Assert.Equal(AccessCheckResult.Failed, partial.CheckResult);
        Assert.Equal(new[] { "kms:GenerateDataKey on arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab (grant)" }, partial.Missing);
    }

    [Fact]
    public async Task Common_credentials_serve_the_side_whose_account_they_belong_to()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, null, TrainingConnection, common: RegistryConnection);

        var outcomes = await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));

        Assert.All(outcomes, o => Assert.Equal(ResourceChangeStatus.Verified, o.ChangeStatus));
    }

    [Fact]
    public async Task Credentials_of_the_wrong_account_are_refused_before_anything_is_read()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        var reads = 0;
        foreach (var policy in resources.Policies.Values) policy.OnRead = () => reads++;

        var mismatch = await Assert.ThrowsAsync<ModelRegistryException>(() => OpenAsync(resources, TrainingConnection, TrainingConnection));
        var unrelated = await Assert.ThrowsAsync<ModelRegistryException>(() => OpenAsync(resources, null, null, common: OtherConnection));

        Assert.Equal(ErrorIds.CredentialAccountMismatch, mismatch.ErrorId);
        Assert.Equal("RegistryCredential", mismatch.ParameterName);
        Assert.Contains("belong to account 222222222222, not to the registry account 111111111111", mismatch.Message);
        Assert.Equal(ErrorIds.CredentialsOfUnrelatedAccount, unrelated.ErrorId);
        Assert.Equal(0, reads + resources.Writes);
    }

    [Fact]
    public async Task Unrelated_common_credentials_beside_an_explicit_side_are_not_used_and_say_so()
    {
        using var access = await OpenAsync(new InMemoryCrossAccountResources(Foreign), null, TrainingConnection, common: OtherConnection);

        Assert.Equal("The credentials from other credentials belong to account 999999999999, which is neither side; they are not used.", Assert.Single(access.Warnings));
        Assert.Equal(ResourceChangeStatus.Skipped, (await access.PlanGrantAsync(CancellationToken.None)).Changes[3].ChangeStatus);
    }

    [Fact]
    public async Task A_deny_that_overrides_the_grant_is_warned_about()
    {
        var denying = Foreign.WithStatement(PolicyStatement.Parse(
            """{"Sid":"NoAcls","Effect":"Deny","Principal":"*","Action":"s3:GetObjectAcl","Resource":"arn:aws:s3:::training-artifacts/*"}"""));
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Policies[ResourceKind.BucketPolicy].Stored = denying.ToJson();
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var plan = await access.PlanGrantAsync(CancellationToken.None);

        var warning = Assert.Single(plan.Warnings);
        Assert.Contains("denies s3:GetObjectAcl on arn:aws:s3:::training-artifacts/models/*", warning);
    }

    [Fact]
    public async Task A_grant_with_other_operations_is_replaced_new_one_first()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.Grants.Add(new KmsGrantEntry("old", "ModelRegistryCrossAccount-111111111111", "arn:aws:iam::111111111111:root", new[] { "Decrypt" }));
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var plan = await access.PlanGrantAsync(CancellationToken.None);
        var kms = plan.Changes[2];
        var outcome = await plan.ApplyAsync(kms, CancellationToken.None);

        Assert.Equal("- Revoke grant old", kms.Diff.Split('\n')[0]);
        Assert.Contains("+ Create grant 'ModelRegistryCrossAccount-111111111111'", kms.Diff);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        var grant = Assert.Single(resources.Key.Grants);
        Assert.NotEqual("old", grant.GrantId);
        Assert.Equal(new[] { "Decrypt", "GenerateDataKey" }, grant.Operations);
    }

    [Fact]
    public async Task Test_names_what_each_account_lacks_and_the_Grant_command_that_fixes_it()
    {
        using var access = await OpenAsync(new InMemoryCrossAccountResources(Foreign), RegistryConnection, TrainingConnection);

        var checks = await access.CheckAsync(CancellationToken.None);

        Assert.Equal(
            [
                (ResourceKind.RepositoryPolicy, AccountSide.Training, TrainingAccount, Grant.RepositoryArn),
                (ResourceKind.BucketPolicy, AccountSide.Training, TrainingAccount, Grant.BucketArn),
                (ResourceKind.KmsGrant, AccountSide.Training, TrainingAccount, Grant.KmsKeyArn),
                (ResourceKind.ModelGroupPolicy, AccountSide.Registry, RegistryAccount, Grant.ModelGroupArn),
            ],
            checks.Select(c => (c.ResourceKind, CrossAccountGrant.SideOf(c.ResourceKind), c.AccountId, c.Target)));
        Assert.All(checks, check =>
        {
            Assert.Equal(AccessCheckResult.Failed, check.CheckResult);
            Assert.False(check.Passed);
            Assert.Equal(Grant.CommandLine(CrossAccountAccess.GrantCommand), check.Command);
        });
        var key = checks[2];
        Assert.Equal(
            [
                "kms:Decrypt on arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab (grant)",
                "kms:GenerateDataKey on arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab (grant)",
            ],
            key.Missing);
        Assert.Equal($"Account {RegistryAccount} lacks: {string.Join("; ", key.Missing)}.", key.Message);
        Assert.Equal(CrossAccountPlanner.MissingPermissions(Grant, ResourceKind.ModelGroupPolicy, Foreign), checks[3].Missing);
        Assert.StartsWith($"Account {TrainingAccount} lacks: sagemaker:CreateModelPackage on ", checks[3].Message);
    }

    [Fact]
    public async Task Test_after_a_grant_says_which_account_is_let_in_and_needs_no_command()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);
        await ApplyAllAsync(await access.PlanGrantAsync(CancellationToken.None));

        var checks = await access.CheckAsync(CancellationToken.None);

        Assert.All(checks, check =>
        {
            Assert.True(check.Passed);
            Assert.Empty(check.Missing);
            Assert.Null(check.Command);
        });
        Assert.Equal(
            [
                $"Account {RegistryAccount} has every permission it needs here.", $"Account {RegistryAccount} has every permission it needs here.",
                $"Account {RegistryAccount} has every permission it needs here.", $"Account {TrainingAccount} has every permission it needs here.",
            ],
            checks.Select(c => c.Message));
        Assert.Equal($"ModelGroupPolicy {Grant.ModelGroupArn}: Passed", checks[3].ToString());
    }

    [Fact]
    public async Task Test_of_a_resource_that_cannot_be_read_or_parsed_fails_with_the_reason()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.RefuseReadsWith = new AmazonServiceException("Key not found") { ErrorCode = "NotFoundException" };
        resources.Policies[ResourceKind.BucketPolicy].Stored = "{\"Statement\":42}";
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var checks = await access.CheckAsync(CancellationToken.None);

        Assert.Equal(
            [AccessCheckResult.Failed, AccessCheckResult.Failed, AccessCheckResult.Failed, AccessCheckResult.Failed],
            checks.Select(c => c.CheckResult));
        Assert.Equal("Could not be checked: NotFoundException: Key not found", checks[2].Message);
        Assert.StartsWith("Could not be checked: ", checks[1].Message);
        Assert.All(new[] { checks[1], checks[2] }, check =>
        {
            Assert.Empty(check.Missing);
            Assert.Equal(Grant.CommandLine(CrossAccountAccess.GrantCommand), check.Command);
        });
    }

    [Fact]
    public async Task Test_without_an_accounts_credentials_leaves_its_resources_to_its_administrator()
    {
        using var registryOnly = await OpenAsync(new InMemoryCrossAccountResources(Foreign), RegistryConnection, null);
        using var trainingOnly = await OpenAsync(new InMemoryCrossAccountResources(Foreign), null, TrainingConnection);

        var training = (await registryOnly.CheckAsync(CancellationToken.None)).Take(3).ToList();
        var registry = (await trainingOnly.CheckAsync(CancellationToken.None))[3];

        Assert.All(training, check =>
        {
            Assert.Equal(AccessCheckResult.NotChecked, check.CheckResult);
            Assert.Empty(check.Missing);
            Assert.Equal("No credentials for the training account 222222222222 were given: its administrator runs the command in Command.", check.Message);
            Assert.Equal(Grant.CommandLine(CrossAccountAccess.TestCommand), check.Command);
        });
        Assert.Equal(AccessCheckResult.NotChecked, registry.CheckResult);
        Assert.Equal("No credentials for the registry account 111111111111 were given: its administrator runs the command in Command.", registry.Message);
    }

    [Fact]
    public async Task Revoke_without_an_accounts_credentials_skips_its_resources_with_the_Revoke_command()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        using var access = await OpenAsync(resources, RegistryConnection, null);

        var plan = await access.PlanRevokeAsync(CancellationToken.None);

        Assert.Equal(
            [ResourceChangeStatus.Skipped, ResourceChangeStatus.Skipped, ResourceChangeStatus.Skipped, ResourceChangeStatus.Unchanged],
            plan.Changes.Select(c => c.ChangeStatus));
        var key = plan.Changes[2];
        Assert.Equal((TrainingAccount, Grant.KmsKeyArn), (key.AccountId, key.Target));
        Assert.Equal(Grant.CommandLine(CrossAccountAccess.RevokeCommand), key.Command);
        Assert.Equal("No credentials for the training account 222222222222 were given: its administrator runs the command in Command.", key.Message);
        Assert.Equal((null, null, ""), (key.CurrentPolicy, key.ProposedPolicy, key.Diff));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public async Task Revoke_plans_removing_our_KMS_grant()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        resources.Key.Grants.Add(new KmsGrantEntry("ours", "ModelRegistryCrossAccount-111111111111", "arn:aws:iam::111111111111:root", new[] { "Decrypt", "GenerateDataKey" }));
        using var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        var key = (await access.PlanRevokeAsync(CancellationToken.None)).Changes[2];

        Assert.Equal(ResourceChangeStatus.WillChange, key.ChangeStatus);
        Assert.Null(key.ProposedPolicy);
        Assert.StartsWith("- Revoke grant ours", key.Diff);
    }

    [Fact]
    public async Task Training_credentials_of_another_account_are_refused_naming_TrainingCredential()
    {
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => OpenAsync(new InMemoryCrossAccountResources(Foreign), RegistryConnection, RegistryConnection));

        Assert.Equal((ErrorIds.CredentialAccountMismatch, "TrainingCredential", (object)RegistryAccount), (error.ErrorId, error.ParameterName!, error.Value!));
        Assert.Equal(
            "-TrainingCredential: the credentials from registry credentials belong to account 111111111111, not to the training account 222222222222.",
            error.Message);
    }

    [Fact]
    public async Task Credentials_of_neither_account_alone_are_refused_naming_their_account()
    {
        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => OpenAsync(new InMemoryCrossAccountResources(Foreign), null, null, common: OtherConnection));

        Assert.Equal((ErrorKind.AccessDenied, (object)"999999999999"), (error.Kind, error.Value!));
        Assert.Equal(
            "The credentials from other credentials belong to account 999999999999, which is neither the registry account 111111111111 nor the training account 222222222222.",
            error.Message);
    }

    [Fact]
    public async Task An_accounts_own_credentials_win_over_common_ones_of_the_same_account()
    {
        var explicitRegistry = Connection("AKIAREGISTRY", "-RegistryCredential");
        var commonRegistry = Connection("AKIAREGISTRY2", "common credentials");
        var commonTraining = Connection("AKIATRAINING2", "common credentials");

        var (registry, training) = await ConnectionsUsedAsync(new CrossAccountConnections(explicitRegistry, null, commonRegistry));
        var (registry2, training2) = await ConnectionsUsedAsync(new CrossAccountConnections(explicitRegistry, null, commonTraining));
        var (registry3, training3) = await ConnectionsUsedAsync(new CrossAccountConnections(null, TrainingConnection, commonTraining));

        Assert.Equal(("AKIAREGISTRY", null), (registry, training));
        Assert.Equal(("AKIAREGISTRY", "AKIATRAINING2"), (registry2, training2));
        Assert.Equal((null, "AKIATRAINING"), (registry3, training3));
    }

    [Fact]
    public async Task Warnings_from_opening_come_with_every_plan()
    {
        using var access = await OpenAsync(new InMemoryCrossAccountResources(Foreign), RegistryConnection, TrainingConnection, common: OtherConnection);

        Assert.Equal(access.Warnings, (await access.PlanGrantAsync(CancellationToken.None)).Warnings);
        Assert.Equal(access.Warnings, (await access.PlanRevokeAsync(CancellationToken.None)).Warnings);
        Assert.Single(access.Warnings);
    }

    [Fact]
    public async Task Opening_needs_a_set_up_and_connections()
    {
        var connections = new CrossAccountConnections(RegistryConnection, TrainingConnection, null);

        Assert.Equal("grant", (await Assert.ThrowsAsync<ArgumentNullException>(() =>
            CrossAccountAccess.OpenAsync(null!, connections, AccountOf, (_, _) => new InMemoryCrossAccountResources(Foreign), CancellationToken.None))).ParamName);
        Assert.Equal("connections", (await Assert.ThrowsAsync<ArgumentNullException>(() =>
            CrossAccountAccess.OpenAsync(Grant, null!, AccountOf, (_, _) => new InMemoryCrossAccountResources(Foreign), CancellationToken.None))).ParamName);
    }

    [Fact]
    public async Task Disposing_the_set_up_disposes_its_resources()
    {
        var resources = new InMemoryCrossAccountResources(Foreign);
        var access = await OpenAsync(resources, RegistryConnection, TrainingConnection);

        access.Dispose();

        Assert.True(resources.Disposed);
    }

    private static async Task<IReadOnlyList<ResourceChange>> ApplyAllAsync(ChangePlan plan)
    {
        var outcomes = new List<ResourceChange>();
        foreach (var change in plan.Changes) outcomes.Add(await plan.ApplyAsync(change, CancellationToken.None));
        return outcomes;
    }

    private static Task<CrossAccountAccess> OpenAsync(InMemoryCrossAccountResources resources, ResolvedConnection? registry, ResolvedConnection? training, ResolvedConnection? common = null) =>
        CrossAccountAccess.OpenAsync(Grant, new CrossAccountConnections(registry, training, common), AccountOf, (_, _) => resources, CancellationToken.None);

    /// <summary>The access keys of the connections the resources are made with (null for an account left out).</summary>
    private static async Task<(string? Registry, string? Training)> ConnectionsUsedAsync(CrossAccountConnections connections)
    {
        (string?, string?) used = default;
        using var access = await CrossAccountAccess.OpenAsync(Grant, connections, AccountOf, (registry, training) =>
        {
            used = (registry?.Credentials.GetCredentials().AccessKey, training?.Credentials.GetCredentials().AccessKey);
            return new InMemoryCrossAccountResources(Foreign);
        }, CancellationToken.None);
        return used;
    }

    private static Task<string> AccountOf(AwsConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult(connection.Credentials.GetCredentials().AccessKey switch
        {
            "AKIAREGISTRY" or "AKIAREGISTRY2" => RegistryAccount,
            "AKIATRAINING" or "AKIATRAINING2" => TrainingAccount,
            _ => "999999999999",
        });

    private static ResolvedConnection Connection(string accessKey, string source) =>
        new(RegionEndpoint.USEast1, "test", new BasicAWSCredentials(accessKey, "secret"), source, null, null, null);
}
