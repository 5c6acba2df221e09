using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>A cross-account set-up against AWS (a canned server standing in for STS, ECR, S3, KMS and
/// SageMaker): which account's credentials each call is signed with, what it asks for, what is made of the answer.</summary>
public sealed class AwsCrossAccountResourcesTests : IDisposable
{
    private const string RegistryKey = "AKIAREGISTRYACCOUNT1";
    private const string TrainingKey = "AKIATRAININGACCOUNT2";

    private static readonly CrossAccountGrant Grant = new(
        "111111111111", "222222222222", "Iris-Models", "iris-inference", "training-artifacts", "models/", "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");

    /// <summary>A local port nothing listens on.</summary>
    private const string Nowhere = "http://127.0.0.1:9";

    private readonly CannedJsonServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Test_identifies_both_accounts_and_reads_each_resource_with_its_owners_credentials()
    {
        ReplyCallerIdentity("111111111111");
        ReplyCallerIdentity("222222222222");
        _server.Reply(200, new JsonObject { ["repositoryName"] = Grant.RepositoryName, ["policyText"] = Granted(ResourceKind.RepositoryPolicy) }.ToJsonString());
        _server.Reply(200, Granted(ResourceKind.BucketPolicy));
        _server.Reply(200, new JsonObject
        {
            ["Grants"] = new JsonArray(new JsonObject
            {
                ["GrantId"] = "grant-1",
                ["Name"] = Grant.KmsGrantName,
                ["GranteePrincipal"] = Grant.RegistryPrincipal,
                ["KeyId"] = Grant.KmsKeyArn,
                ["Operations"] = new JsonArray("Decrypt", "GenerateDataKey"),
            }),
            ["Truncated"] = false,
        }.ToJsonString());
        _server.Reply(200, new JsonObject { ["ModelPackageGroupName"] = Grant.ModelGroupName, ["ResourcePolicy"] = Granted(ResourceKind.ModelGroupPolicy) }.ToJsonString());
        // Calls go where the connect function says (the cmdlets trace them that way), not where the resolved connections point.
        var connections = new CrossAccountConnections(Connection(RegistryKey, Nowhere), Connection(TrainingKey, Nowhere), null);

        using var access = await CrossAccountAccess.OpenAsync(Grant, connections, CancellationToken.None, ToServer);
        var checks = await access.CheckAsync(CancellationToken.None);

        Assert.All(checks, check => Assert.Equal(AccessCheckResult.Passed, check.CheckResult));
        var requests = _server.Requests.ToArray();
        Assert.Equal(
            [
                ("sts", RegistryKey), ("sts", TrainingKey), ("ecr", TrainingKey), ("s3", TrainingKey), ("kms", TrainingKey), ("sagemaker", RegistryKey),
            ],
            requests.Select(r => (ServiceOf(r), AccessKeyOf(r))));
        Assert.Contains("Action=GetCallerIdentity", requests[0].Body);
        Assert.Equal(
            ("AmazonEC2ContainerRegistry_V20150921.GetRepositoryPolicy", "iris-inference"),
            (requests[2].Headers["X-Amz-Target"], (string?)JsonNode.Parse(requests[2].Body)!["repositoryName"]));
        Assert.Equal(("GET", "/training-artifacts/"), (requests[3].Method, requests[3].Path));
        var listGrants = JsonNode.Parse(requests[4].Body)!;
        Assert.Equal(
            ("TrentService.ListGrants", Grant.KmsKeyArn, Grant.RegistryPrincipal),
            (requests[4].Headers["X-Amz-Target"], (string?)listGrants["KeyId"], (string?)listGrants["GranteePrincipal"]));
        Assert.Equal(
            ("SageMaker.GetModelPackageGroupPolicy", "Iris-Models"),
            (requests[5].Headers["X-Amz-Target"], (string?)JsonNode.Parse(requests[5].Body)!["ModelPackageGroupName"]));
    }

    [Fact]
    public async Task Credentials_of_neither_account_are_refused_after_asking_STS_once()
    {
        ReplyCallerIdentity("999999999999");
        var connections = new CrossAccountConnections(null, null, Connection(RegistryKey, Nowhere));

        var error = await Assert.ThrowsAsync<Errors.ModelRegistryException>(() => CrossAccountAccess.OpenAsync(Grant, connections, CancellationToken.None, ToServer));

        Assert.Contains("belong to account 999999999999, which is neither the registry account 111111111111 nor the training account 222222222222", error.Message);
        Assert.Equal("sts", ServiceOf(Assert.Single(_server.Requests)));
    }

    [Fact]
    public void Each_resource_is_the_set_ups_and_belongs_to_its_owning_account()
    {
        using var resources = new AwsCrossAccountResources(Grant, Connection(RegistryKey).ToConnection(), Connection(TrainingKey).ToConnection());

        var policies = new[] { ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.ModelGroupPolicy }.Select(resources.PolicyOf).ToArray();

        Assert.Equal(
            [
                (ResourceKind.RepositoryPolicy, "222222222222", Grant.RepositoryArn),
                (ResourceKind.BucketPolicy, "222222222222", Grant.BucketArn),
                (ResourceKind.ModelGroupPolicy, "111111111111", Grant.ModelGroupArn),
            ],
            policies.Select(p => (p.Kind, p.AccountId, p.Target)));
        var grant = resources.KmsGrant();
        Assert.Equal((ResourceKind.KmsGrant, "222222222222", Grant.KmsKeyArn), (grant.Kind, grant.AccountId, grant.Target));
        Assert.StartsWith("Not a policy.", Assert.Throws<ArgumentOutOfRangeException>(() => resources.PolicyOf(ResourceKind.KmsGrant)).Message);
    }

    [Fact]
    public void An_account_without_a_connection_is_never_called()
    {
        using var registryOnly = new AwsCrossAccountResources(Grant, Connection(RegistryKey).ToConnection(), null);
        using var trainingOnly = new AwsCrossAccountResources(Grant, null, Connection(TrainingKey).ToConnection());

        Assert.All(new Action[] { () => registryOnly.PolicyOf(ResourceKind.RepositoryPolicy), () => registryOnly.PolicyOf(ResourceKind.BucketPolicy), () => registryOnly.KmsGrant() },
            call => Assert.Equal("No training account connection.", Assert.Throws<InvalidOperationException>(call).Message));
        Assert.Equal("No registry account connection.", Assert.Throws<InvalidOperationException>(() => trainingOnly.PolicyOf(ResourceKind.ModelGroupPolicy)).Message);
    }

    [Fact]
    public async Task Disposing_releases_every_client_it_made_and_makes_one_per_service()
    {
        var resources = new AwsCrossAccountResources(Grant, Connection(RegistryKey).ToConnection(), Connection(TrainingKey).ToConnection());
        var all = new[] { ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.ModelGroupPolicy }
            .SelectMany(kind => new[] { resources.PolicyOf(kind), resources.PolicyOf(kind) })
            .Select(policy => (Func<Task>)(() => policy.ReadAsync(CancellationToken.None)))
            .Concat(new[] { resources.KmsGrant(), resources.KmsGrant() }.Select(grant => (Func<Task>)(() => grant.ReadAsync(CancellationToken.None))))
            .ToArray();

        resources.Dispose();

        foreach (var read in all) await Assert.ThrowsAsync<ObjectDisposedException>(read);
        Assert.Empty(_server.Requests);
    }

    private void ReplyCallerIdentity(string account) => _server.Reply(200, $"""
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult><Arn>arn:aws:iam::{account}:user/admin</Arn><UserId>AIDAEXAMPLE</UserId><Account>{account}</Account></GetCallerIdentityResult>
          <ResponseMetadata><RequestId>req-sts</RequestId></ResponseMetadata>
        </GetCallerIdentityResponse>
        """);

    private static string Granted(ResourceKind resource) => PolicyMerge.Merge(null, CrossAccountStatements.For(Grant, resource)).ToJson();

    private AwsConnection ToServer(ResolvedConnection resolved) => new(resolved.Credentials, resolved.Region, _server.Url);

    private ResolvedConnection Connection(string accessKey, string? endpointUrl = null) =>
        new(RegionEndpoint.USEast1, "test", new BasicAWSCredentials(accessKey, "secret"), accessKey, endpointUrl ?? _server.Url, "test", null);

    private static string AccessKeyOf(RecordedRequest request) => request.Headers["Authorization"].Split("Credential=")[1].Split('/')[0];

    private static string ServiceOf(RecordedRequest request) => request.Headers["Authorization"].Split("Credential=")[1].Split('/')[3];
}
