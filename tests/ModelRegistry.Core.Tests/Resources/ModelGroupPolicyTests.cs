using System.Text.Json.Nodes;
using Amazon.Runtime;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>A model group's policy through <see cref="ModelRegistry.Core.Client.SageMakerClient"/> against the canned server:
/// SageMaker says ValidationException both for a group without policy and for no group at all.</summary>
public sealed class ModelGroupPolicyTests : CannedRegistryTest
{
    private const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/iris-models";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Register","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sagemaker:CreateModelPackage","Resource":"*"}]}""";
    private const string NoPolicy = """{"__type":"ValidationException","message":"Cannot find resource policy for iris-models"}""";

    private ModelGroupPolicy Group() => new(Registry, GroupArn, "iris-models");

    private string[] Targets => Server.Requests.Select(r => r.Headers["X-Amz-Target"]).ToArray();

    [Fact]
    public async Task The_policy_is_read_from_the_group_and_its_account_is_the_group_s()
    {
        Server.Reply(200, new JsonObject { ["ResourcePolicy"] = Policy }.ToJsonString());
        var group = Group();

        var read = await group.ReadAsync(CancellationToken.None);

        Assert.True(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(Policy), read!));
        Assert.Equal("iris-models", (string?)JsonNode.Parse(Server.Requests.Single().Body)!["ModelPackageGroupName"]);
        Assert.Equal((ResourceKind.ModelGroupPolicy, "111111111111", GroupArn), (group.Kind, group.AccountId, group.Target));
    }

    [Fact]
    public async Task ValidationException_for_a_group_that_exists_is_no_policy()
    {
        Server.Reply(400, NoPolicy);
        Server.Reply(200, $$"""{"ModelPackageGroupName":"iris-models","ModelPackageGroupArn":"{{GroupArn}}","ModelPackageGroupStatus":"Completed"}""");

        Assert.Null(await Group().ReadAsync(CancellationToken.None));
        Assert.Equal(["SageMaker.GetModelPackageGroupPolicy", "SageMaker.DescribeModelPackageGroup"], Targets);
    }

    [Fact]
    public async Task ValidationException_for_a_group_that_does_not_exist_is_the_missing_group_s_error()
    {
        Server.Reply(400, NoPolicy);
        Server.Reply(400, """{"__type":"ValidationException","message":"ModelPackageGroup iris-models does not exist."}""");

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => Group().ReadAsync(CancellationToken.None));

        Assert.Equal("ModelPackageGroup iris-models does not exist.", error.Message);
    }

    [Fact]
    public async Task Another_error_is_not_read_as_no_policy()
    {
        Server.Reply(400, """{"__type":"AccessDeniedException","message":"not authorized to perform sagemaker:GetModelPackageGroupPolicy"}""");

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => Group().ReadAsync(CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Writing_puts_the_whole_policy_and_writing_none_deletes_it()
    {
        Server.Reply(200, "{}");
        Server.Reply(200, "{}");
        var policy = PolicyDocument.Parse(Policy);

        await Group().WriteAsync(null, policy, CancellationToken.None);
        await Group().WriteAsync(policy, null, CancellationToken.None);

        Assert.Equal(["SageMaker.PutModelPackageGroupPolicy", "SageMaker.DeleteModelPackageGroupPolicy"], Targets);
        var put = JsonNode.Parse(Server.Requests.First().Body)!;
        Assert.Equal(("iris-models", policy.ToJson()), ((string?)put["ModelPackageGroupName"], (string?)put["ResourcePolicy"]));
        Assert.Equal("iris-models", (string?)JsonNode.Parse(Server.Requests.Last().Body)!["ModelPackageGroupName"]);
    }
}
