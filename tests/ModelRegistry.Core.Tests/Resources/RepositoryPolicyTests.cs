using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>A repository's policy through <see cref="EcrClient"/> against <see cref="CannedJsonServer"/>, with the
/// owner's registry id as a caller of another account sends it.</summary>
public sealed class RepositoryPolicyTests : IDisposable
{
    private const string RepositoryArn = "arn:aws:ecr:us-east-1:222222222222:repository/iris-inference";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"ecr:BatchGetImage"}]}""";

    private readonly CannedJsonServer _server = new();
    private readonly EcrClient _ecr;
    private readonly RepositoryPolicy _repository;

    public RepositoryPolicyTests()
    {
        _ecr = new EcrClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222"), RegionEndpoint.USEast1, _server.Url));
        _repository = new RepositoryPolicy(_ecr, RepositoryArn, "222222222222", "iris-inference", registryId: "222222222222");
    }

    public void Dispose()
    {
        _ecr.Dispose();
        _server.Dispose();
    }

    private JsonObject Body(int index) => JsonNode.Parse(_server.Requests.ElementAt(index).Body)!.AsObject();

    [Fact]
    public async Task GetRepositoryPolicy_reads_the_owner_s_repository_and_RepositoryPolicyNotFoundException_is_no_policy()
    {
        _server.Reply(200, new JsonObject { ["registryId"] = "222222222222", ["repositoryName"] = "iris-inference", ["policyText"] = Policy }.ToJsonString());
        _server.Reply(400, """{"__type":"RepositoryPolicyNotFoundException","message":"Repository policy does not exist"}""");

        var read = await _repository.ReadAsync(CancellationToken.None);
        var none = await _repository.ReadAsync(CancellationToken.None);

        Assert.True(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(Policy), read!));
        Assert.Null(none);
        Assert.Equal(("iris-inference", "222222222222"), ((string?)Body(0)["repositoryName"], (string?)Body(0)["registryId"]));
        Assert.Equal((ResourceKind.RepositoryPolicy, "222222222222", RepositoryArn), (_repository.Kind, _repository.AccountId, _repository.Target));
    }

    [Fact]
    public async Task A_missing_repository_is_an_error_not_an_empty_policy()
    {
        _server.Reply(400, """{"__type":"RepositoryNotFoundException","message":"The repository with name 'iris-inference' does not exist"}""");

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => _repository.ReadAsync(CancellationToken.None));

        Assert.Equal("RepositoryNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task SetRepositoryPolicy_never_forces_and_writing_none_deletes_the_policy()
    {
        _server.Reply(200, new JsonObject { ["policyText"] = Policy }.ToJsonString());
        _server.Reply(200, new JsonObject { ["policyText"] = Policy }.ToJsonString());
        var policy = PolicyDocument.Parse(Policy);

        await _repository.WriteAsync(null, policy, CancellationToken.None);
        await _repository.WriteAsync(policy, null, CancellationToken.None);

        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.SetRepositoryPolicy", _server.Requests.ElementAt(0).Headers["X-Amz-Target"]);
        Assert.Equal(
            new JsonObject { ["registryId"] = "222222222222", ["repositoryName"] = "iris-inference", ["policyText"] = policy.ToJson() }.ToJsonString(),
            Body(0).ToJsonString());
        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.DeleteRepositoryPolicy", _server.Requests.ElementAt(1).Headers["X-Amz-Target"]);
        Assert.Equal(("iris-inference", "222222222222"), ((string?)Body(1)["repositoryName"], (string?)Body(1)["registryId"]));
    }
}
