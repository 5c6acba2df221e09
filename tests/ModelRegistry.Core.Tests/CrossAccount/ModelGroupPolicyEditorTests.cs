using System.Text.Json.Nodes;
using Amazon.Runtime;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>Get-, Set- and Remove-MRGroupPolicy's Core: what is read, planned and written on the SageMaker wire.</summary>
public sealed class ModelGroupPolicyEditorTests : CannedRegistryTest
{
    private const string Group = "fraud";
    private const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud";

    private static readonly PolicyStatement Auditor = PolicyStatement.Parse(
        """{"Sid":"AuditorReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},"Action":"sagemaker:DescribeModelPackage","Resource":"arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/*"}""");

    private static readonly PolicyStatement Register = CrossAccountStatements.ForModelGroup(
        "RegisterFromTraining", ["222222222222"], [CrossAccountStatements.RegisterAction], GroupArn);

    private static readonly PolicyDocument Current = new([Auditor]);

    private ModelGroupPolicyEditor Editor => new(Registry);

    [Fact]
    public void An_editor_needs_a_client() => Assert.Throws<ArgumentNullException>(() => new ModelGroupPolicyEditor(null!));

    [Fact]
    public async Task Get_reads_the_policy_of_the_group_by_name()
    {
        ReplyGroup();
        ReplyPolicy(Current);

        var policy = await Editor.GetAsync(Group, CancellationToken.None);

        Assert.True(PolicyDocument.SemanticallyEquals(Current, policy!));
        Assert.Equal(["DescribeModelPackageGroup", "GetModelPackageGroupPolicy"], Targets());
        Assert.All(Server.Requests, request => Assert.Equal(Group, (string?)JsonNode.Parse(request.Body)!["ModelPackageGroupName"]));
    }

    [Fact]
    public async Task Get_is_null_for_a_group_without_policy()
    {
        ReplyGroup();
        Server.Reply(400, """{"__type":"ValidationException","message":"Cannot find resource policy"}""");
        ReplyGroup();

        Assert.Null(await Editor.GetAsync(Group, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_group_throws_the_services_error_before_anything_else_is_read()
    {
        Server.Reply(400, """{"__type":"ValidationException","message":"Model Package Group does not exist."}""");

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => Editor.PlanRemoveAsync(Group, null, CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal(["DescribeModelPackageGroup"], Targets());
    }

    [Fact]
    public async Task Set_merges_statements_by_Sid_and_puts_the_merged_policy()
    {
        ReplyGroup();
        ReplyPolicy(Current);
        var plan = await Editor.PlanSetAsync(Group, new PolicyDocument([Register]), replace: false, CancellationToken.None);
        var change = Assert.Single(plan.Changes);
        var merged = new PolicyDocument([Auditor, Register]);

        ReplyPolicy(Current);
        Server.Reply(200, "{}");
        ReplyPolicy(merged);
        var outcome = await plan.ApplyAsync(change, CancellationToken.None);

        Assert.Equal((ResourceKind.ModelGroupPolicy, ResourceChangeStatus.WillChange, GroupArn), (change.ResourceKind, change.ChangeStatus, change.Target));
        Assert.Contains("+ Add statement 'RegisterFromTraining'", change.Diff);
        Assert.True(PolicyDocument.SemanticallyEquals(merged, PolicyDocument.Parse(change.ProposedPolicy!)));
        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.True(PolicyDocument.SemanticallyEquals(merged, PolicyDocument.Parse(PutPolicy())));
    }

    [Fact]
    public async Task Set_with_replace_proposes_exactly_the_given_policy_even_without_Sids()
    {
        var unnamed = PolicyDocument.Parse(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:CreateModelPackage","Resource":"arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/*"}]}""");
        ReplyGroup();
        ReplyPolicy(Current);

        var change = Assert.Single((await Editor.PlanSetAsync(Group, unnamed, replace: true, CancellationToken.None)).Changes);

        Assert.Equal(ResourceChangeStatus.WillChange, change.ChangeStatus);
        Assert.Contains("- Remove statement 'AuditorReads'", change.Diff);
        Assert.True(PolicyDocument.SemanticallyEquals(unnamed, PolicyDocument.Parse(change.ProposedPolicy!)));
    }

    [Fact]
    public async Task Merging_a_statement_without_Sid_is_refused_naming_it_before_any_call()
    {
        var policy = new PolicyDocument([Register, PolicyStatement.Parse(
            """{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:ListModelPackages","Resource":"*"}""")]);

        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Editor.PlanSetAsync(Group, policy, replace: false, CancellationToken.None));

        Assert.Equal((ErrorIds.InvalidParameter, "Policy"), (error.ErrorId, error.ParameterName));
        Assert.StartsWith("-Policy: statement 2 has no Sid.", error.Message);
        Assert.Empty(Server.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_principal_AWS_would_refuse_is_refused_naming_where_it_is_before_any_call(bool replace)
    {
        var policy = PolicyDocument.Parse(
            """{"Statement":[{"Sid":"Typo","Effect":"Allow","Principal":{"AWS":"22222222222"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}""");

        var error = await Assert.ThrowsAsync<ModelRegistryException>(() => Editor.PlanSetAsync(Group, policy, replace, CancellationToken.None));

        Assert.Equal((ErrorIds.InvalidParameter, "Policy", "Statement[0].Principal.AWS"), (error.ErrorId, error.ParameterName, error.Value));
        Assert.StartsWith("-Policy: Statement[0].Principal.AWS '22222222222' is not an AWS principal", error.Message);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Set_needs_a_policy() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Editor.PlanSetAsync(Group, null!, replace: true, CancellationToken.None));

    [Fact]
    public async Task Remove_by_Sid_keeps_the_other_statements_and_warns_about_Sids_that_are_not_there()
    {
        ReplyGroup();
        ReplyPolicy(new PolicyDocument([Auditor, Register]));

        var plan = await Editor.PlanRemoveAsync(Group, ["RegisterFromTraining", "Gone", "AlsoGone"], CancellationToken.None);

        var change = Assert.Single(plan.Changes);
        Assert.Equal(ResourceChangeStatus.WillChange, change.ChangeStatus);
        Assert.True(PolicyDocument.SemanticallyEquals(Current, PolicyDocument.Parse(change.ProposedPolicy!)));
        Assert.Equal(
            "The policy of model group 'fraud' has no statement with Sid 'Gone', 'AlsoGone': nothing to remove for it.",
            Assert.Single(plan.Warnings));
    }

    [Fact]
    public async Task Removing_Sids_that_are_all_there_warns_about_nothing()
    {
        ReplyGroup();
        ReplyPolicy(new PolicyDocument([Auditor, Register]));

        var plan = await Editor.PlanRemoveAsync(Group, ["RegisterFromTraining"], CancellationToken.None);

        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public async Task Removing_from_a_group_without_policy_changes_nothing_and_says_so()
    {
        ReplyGroup();
        Server.Reply(400, """{"__type":"ValidationException","message":"Cannot find resource policy"}""");
        ReplyGroup();

        var plan = await Editor.PlanRemoveAsync(Group, ["RegisterFromTraining"], CancellationToken.None);

        Assert.Equal(ResourceChangeStatus.Unchanged, Assert.Single(plan.Changes).ChangeStatus);
        Assert.Equal("The policy of model group 'fraud' has no statement with Sid 'RegisterFromTraining': nothing to remove for it.", Assert.Single(plan.Warnings));
    }

    [Fact]
    public async Task Remove_without_Sids_deletes_the_whole_policy()
    {
        ReplyGroup();
        ReplyPolicy(new PolicyDocument([Auditor, Register]));
        var plan = await Editor.PlanRemoveAsync(Group, null, CancellationToken.None);
        var change = Assert.Single(plan.Changes);

        ReplyPolicy(Current);
        Server.Reply(200, "{}");
        Server.Reply(400, """{"__type":"ValidationException","message":"Cannot find resource policy"}""");
        ReplyGroup();
        var outcome = await plan.ApplyAsync(change, CancellationToken.None);

        Assert.Null(change.ProposedPolicy);
        Assert.Empty(plan.Warnings);
        Assert.Equal(ResourceChangeStatus.Verified, outcome.ChangeStatus);
        Assert.Equal(
            ["DescribeModelPackageGroup", "GetModelPackageGroupPolicy", "GetModelPackageGroupPolicy", "DeleteModelPackageGroupPolicy", "GetModelPackageGroupPolicy", "DescribeModelPackageGroup"],
            Targets());
    }

    [Fact]
    public void Get_MRGroupPolicy_shows_the_Sids_in_order_and_the_policy_as_indented_JSON()
    {
        var policy = new PolicyDocument([Auditor, PolicyStatement.Parse(
            """{"Effect":"Deny","Principal":"*","Action":"sagemaker:DeleteModelPackage","Resource":"*"}"""), Register]);

        var shown = new ModelGroupResourcePolicy(Group, policy);

        Assert.Equal((Group, policy), (shown.GroupName, shown.ToPolicyDocument()));
        Assert.Equal(policy.ToJson(indented: false), shown.Policy.ToString());
        Assert.Equal(new string?[] { "AuditorReads", null, "RegisterFromTraining" }, shown.Sids);
        Assert.Equal(policy.ToJson(indented: true), shown.Json);
        Assert.Contains("\n  \"Statement\": [", shown.Json.ReplaceLineEndings("\n"));
    }

    private void ReplyGroup() => Server.Reply(200, new JsonObject
    {
        ["ModelPackageGroupName"] = Group,
        ["ModelPackageGroupArn"] = GroupArn,
        ["ModelPackageGroupStatus"] = "Completed",
        ["CreationTime"] = 1767225600,
    }.ToJsonString());

    private void ReplyPolicy(PolicyDocument policy) =>
        Server.Reply(200, new JsonObject { ["ModelPackageGroupName"] = Group, ["ResourcePolicy"] = policy.ToJson() }.ToJsonString());

    private string PutPolicy() =>
        (string)JsonNode.Parse(Server.Requests.Single(r => r.Headers["X-Amz-Target"] == "SageMaker.PutModelPackageGroupPolicy").Body)!["ResourcePolicy"]!;

    private string[] Targets() => Server.Requests.Select(r => r.Headers["X-Amz-Target"].Split('.')[1]).ToArray();
}
