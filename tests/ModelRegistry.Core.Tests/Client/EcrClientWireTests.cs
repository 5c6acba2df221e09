using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class EcrClientWireTests : IDisposable
{
    private readonly CannedJsonServer _server = new();
    private readonly EcrClient _ecr;

    public EcrClientWireTests()
    {
        _ecr = new EcrClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222"), RegionEndpoint.USWest2, _server.Url));
    }

    public void Dispose()
    {
        _ecr.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task CreateRepository_sends_ecr_camel_case_members_and_reads_the_repository()
    {
        _server.Reply(200, """
            {"repository":{"repositoryArn":"arn:aws:ecr:us-west-2:222222222222:repository/fraud","registryId":"222222222222",
             "repositoryName":"fraud","repositoryUri":"222222222222.dkr.ecr.us-west-2.amazonaws.com/fraud","createdAt":1764072000.5,
             "imageTagMutability":"IMMUTABLE"}}
            """);

        var repository = await _ecr.CreateRepositoryAsync("fraud", [new ResourceTag("team", "risk")], CancellationToken.None);

        Assert.Equal(("fraud", "222222222222.dkr.ecr.us-west-2.amazonaws.com/fraud"), (repository.Name, repository.Uri));
        Assert.Equal(new DateTime(2025, 11, 25, 12, 0, 0, 500, DateTimeKind.Utc), repository.CreatedAt);
        Assert.Equal("IMMUTABLE", (string?)repository.ToJson()["imageTagMutability"]);
        var request = _server.Requests.Single();
        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.CreateRepository", request.Headers["X-Amz-Target"]);
        Assert.Equal("""{"repositoryName":"fraud","tags":[{"Key":"team","Value":"risk"}]}""", request.Body);
        Assert.Matches(@"Credential=AKIALOCALTRAINING002/\d{8}/us-west-2/ecr/aws4_request", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Repository_policy_calls_carry_the_registry_and_return_the_policy_text()
    {
        const string Policy = """{"Version":"2012-10-17","Statement":[]}""";
        _server.Reply(200, new JsonObject { ["policyText"] = Policy, ["repositoryName"] = "fraud" }.ToJsonString());

        var text = await _ecr.SetRepositoryPolicyAsync("fraud", Policy, force: true, registryId: "111111111111", CancellationToken.None);

        Assert.Equal(Policy, text);
        var body = JsonNode.Parse(_server.Requests.Single().Body)!;
        Assert.Equal(("111111111111", "fraud", true), ((string?)body["registryId"], (string?)body["repositoryName"], (bool?)body["force"]));
    }

    [Fact]
    public async Task A_repository_name_the_model_rejects_is_never_sent()
    {
        var error = await Assert.ThrowsAsync<ModelRegistryValidationException>(() => _ecr.GetRepositoryPolicyAsync("Fraud Models", null, CancellationToken.None));

        Assert.Equal(("repositoryName", "Fraud Models", "pattern"), (error.MemberPath, error.Value, error.Rule));
        Assert.Empty(_server.Requests);
    }
}
