using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>
/// The module's own clients (<see cref="SageMakerClient"/>, <see cref="EcrClient"/> and the
/// SDK clients of <see cref="AwsClientFactory"/>) against the real registry over HTTP: SDK retries
/// under injected faults, idempotent registration, signing region, paging and round-tripping.
/// Fault rules are global to a registry, so this class has its own; xunit runs its tests one at a time.
/// </summary>
public sealed class CoreClientAgainstRegistryTests(LocalRegistryFixture fixture) : IClassFixture<LocalRegistryFixture>, IAsyncLifetime
{
    private const string Image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/churn:1";

    public Task InitializeAsync() => fixture.Registry.ClearFaultsAsync();

    public Task DisposeAsync() => fixture.Registry.ClearFaultsAsync();

    [Fact]
    public async Task A_throttled_create_is_retried_without_a_duplicate_version()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        await fixture.Registry.AddFaultAsync("""{"kind":"throttle","count":2,"operation":"CreateModelPackage"}""");

        var arn = await client.CreateModelPackageAsync(VersionRequest(group), CancellationToken.None);

        Assert.Equal($"arn:aws:sagemaker:us-east-1:111111111111:model-package/{group}/1", arn);
        Assert.Equal([arn], await VersionArnsAsync(group));
        Assert.Empty(await fixture.Registry.FaultRulesAsync());
    }

    [Fact]
    public async Task A_create_whose_response_is_lost_is_retried_with_the_same_ClientToken_and_registers_once()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        // The first create takes effect but its answer never arrives: only a retry that resends the
        // same ClientToken gets that version back instead of registering a second one.
        await fixture.Registry.AddFaultAsync("""{"kind":"dropResponse","count":1,"operation":"CreateModelPackage"}""");

        var arn = await client.CreateModelPackageAsync(VersionRequest(group), CancellationToken.None);

        Assert.Equal($"arn:aws:sagemaker:us-east-1:111111111111:model-package/{group}/1", arn);
        Assert.Equal([arn], await VersionArnsAsync(group));
        Assert.Empty(await fixture.Registry.FaultRulesAsync());
    }

    [Fact]
    public async Task A_create_that_fails_with_an_internal_error_is_retried_without_a_duplicate_version()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        await fixture.Registry.AddFaultAsync("""{"kind":"error500","count":1,"operation":"CreateModelPackage"}""");

        var arn = await client.CreateModelPackageAsync(VersionRequest(group), CancellationToken.None);

        Assert.Equal([arn], await VersionArnsAsync(group));
        Assert.Empty(await fixture.Registry.FaultRulesAsync());
    }

    [Fact]
    public async Task A_create_throttled_beyond_the_retry_limit_fails_with_ThrottlingException_and_registers_nothing()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        await fixture.Registry.AddFaultAsync("""{"kind":"throttle","count":10,"operation":"CreateModelPackage"}""");

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.CreateModelPackageAsync(VersionRequest(group), CancellationToken.None));

        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Empty(await VersionArnsAsync(group));

        // Standard retry mode: the first attempt and two retries, then the SDK gives up.
        var rule = Assert.Single(await fixture.Registry.FaultRulesAsync());
        Assert.Equal(7, (int)rule!["count"]!);
    }

    [Fact]
    public async Task The_same_ClientToken_twice_returns_the_first_version_instead_of_registering_another()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        var request = VersionRequest(group);
        request.ClientToken = Guid.NewGuid().ToString();

        var first = await client.CreateModelPackageAsync(request, CancellationToken.None);
        var second = await client.CreateModelPackageAsync(request, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal([first], await VersionArnsAsync(group));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried_by_the_SDK()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);

        // The drop resets the connection; AWSSDK.Core resends on a reset connection (its stale-connection
        // retry, counted apart from MaxErrorRetry), where a bare HttpClient would throw.
        await fixture.Registry.AddFaultAsync("""{"kind":"drop","count":1,"operation":"DescribeModelPackageGroup"}""");

        var described = await client.DescribeModelPackageGroupAsync(group, CancellationToken.None);

        Assert.Equal(group, described.Name);
        Assert.Empty(await fixture.Registry.FaultRulesAsync());
    }

    [Fact]
    public async Task Requests_are_signed_for_the_connection_region_even_with_an_endpoint_url()
    {
        using var europe = new SageMakerClient(Connection(TestAccount.Registry, "eu-west-1"));
        using var virginia = new SageMakerClient(Connection(TestAccount.Registry, "us-east-1"));
        var group = "core-client-" + Guid.NewGuid().ToString("N")[..12];

        var arn = await europe.CreateModelPackageGroupAsync(group, description: null, tags: null, CancellationToken.None);

        Assert.Equal($"arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/{group}", arn);
        Assert.Equal(arn, (await europe.DescribeModelPackageGroupAsync(group, CancellationToken.None)).Arn);
        var elsewhere = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => virginia.DescribeModelPackageGroupAsync(group, CancellationToken.None));
        Assert.Equal("ValidationException", elsewhere.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_secret_key_fails_with_InvalidSignatureException()
    {
        var credentials = new BasicAWSCredentials(TestAccount.Registry.AccessKeyId, "NotTheSecretKey000000000000000000000000");
        using var client = new SageMakerClient(new AwsConnection(credentials, RegionEndpoint.USEast1, Endpoint));

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => client.DescribeModelPackageGroupAsync("any-group", CancellationToken.None));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Listing_streams_every_version_in_order_across_pages_and_batch_describe_chunks_by_100()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        var created = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            created.Add(await client.CreateModelPackageAsync(VersionRequest(group), CancellationToken.None));
        }

        // A 1 ms latency rule counts the ListModelPackages calls without failing any: 120 versions in pages of 50.
        await fixture.Registry.AddFaultAsync("""{"kind":"latency","latencyMs":1,"count":10,"operation":"ListModelPackages"}""");
        var query = new ModelVersionQuery { GroupName = group, PageSize = 50, SortOrder = "Ascending" };
        var streamed = await ToListAsync(client.ListModelPackagesAsync(query, CancellationToken.None));
        Assert.Equal(created, streamed.Select(v => v.Arn));
        Assert.Equal(Enumerable.Range(1, 120), streamed.Select(v => v.Version!.Value));
        Assert.Equal(10 - 3, (int)Assert.Single(await fixture.Registry.FaultRulesAsync())!["count"]!);
        await fixture.Registry.ClearFaultsAsync();

        // A 1 ms latency rule counts the BatchDescribeModelPackage calls without failing any.
        await fixture.Registry.AddFaultAsync("""{"kind":"latency","latencyMs":1,"count":5,"operation":"BatchDescribeModelPackage"}""");
        var described = await client.BatchDescribeModelPackageAsync(created, CancellationToken.None);

        Assert.Empty(described.Errors);
        Assert.Equal(created, described.Versions.Select(v => v.Arn));
        Assert.All(described.Versions, v => Assert.Equal(Image, Assert.Single(v.InferenceSpecification!.Containers).Image));
        var counter = Assert.Single(await fixture.Registry.FaultRulesAsync());
        Assert.Equal(3, (int)counter!["count"]!);
    }

    [Fact]
    public async Task A_described_version_keeps_the_members_its_typed_shape_does_not_model()
    {
        using var client = new SageMakerClient(Connection(TestAccount.Registry));
        var group = await CreateGroupAsync(client);
        var request = ModelVersionRequest.FromJson($$"""
            {
              "ModelPackageGroupName": "{{group}}",
              "MetadataProperties": { "ProjectId": "p-0123456789ab", "GeneratedBy": "pipeline-42" },
              "InferenceSpecification": {
                "Containers": [ { "Image": "{{Image}}", "ModelInput": { "DataInputConfig": "{\"input\":[1,3,224,224]}" } } ],
                "SupportedContentTypes": [ "application/json" ],
                "SupportedResponseMIMETypes": [ "application/json" ]
              }
            }
            """);
        var arn = await client.CreateModelPackageAsync(request, CancellationToken.None);

        var version = await client.DescribeModelPackageAsync(arn, CancellationToken.None);
        var json = version.ToJson();

        Assert.Equal("arn:aws:iam::111111111111:root", version.CreatedBy);
        Assert.Equal("arn:aws:iam::111111111111:root", (string?)json["CreatedBy"]!["IamIdentity"]!["Arn"]);
        Assert.NotNull(json["ModelPackageStatusDetails"]);
        Assert.True(JsonNode.DeepEquals(request.ToJson()["MetadataProperties"], json["MetadataProperties"]), json.ToJsonString());
        Assert.Equal("""{"input":[1,3,224,224]}""", (string?)json["InferenceSpecification"]!["Containers"]![0]!["ModelInput"]!["DataInputConfig"]);
        Assert.True(JsonNode.DeepEquals(json, ModelVersion.FromJson(json).ToJson()), "A second round trip changed the version.");
    }

    [Theory]
    [InlineData("111111111111")]
    [InlineData("222222222222")]
    public async Task ECR_and_STS_clients_act_as_the_account_of_their_keys(string accountId)
    {
        var account = new[] { TestAccount.Registry, TestAccount.Training }.Single(a => a.AccountId == accountId);
        var connection = Connection(account);
        using var ecr = new EcrClient(connection);
        using var sts = AwsClientFactory.CreateStsClient(connection);
        var name = "core-client/model-" + Guid.NewGuid().ToString("N")[..12];
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{accountId}}:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";

        var repository = await ecr.CreateRepositoryAsync(name, tags: null, CancellationToken.None);
        var set = await ecr.SetRepositoryPolicyAsync(name, policy, force: false, registryId: null, CancellationToken.None);
        var got = await ecr.GetRepositoryPolicyAsync(name, registryId: null, CancellationToken.None);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(accountId, repository.RegistryId);
        Assert.Equal($"arn:aws:ecr:us-east-1:{accountId}:repository/{name}", repository.Arn);
        Assert.Equal($"{accountId}.dkr.ecr.us-east-1.amazonaws.com/{name}", repository.Uri);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(policy), JsonNode.Parse(set)), set);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(policy), JsonNode.Parse(got)), got);
        Assert.Equal(accountId, identity.Account);
        Assert.Equal($"arn:aws:iam::{accountId}:root", identity.Arn);
    }

    [Fact]
    public async Task S3_and_KMS_clients_from_the_factory_reach_the_registry_endpoint()
    {
        var connection = Connection(TestAccount.Training);
        using var s3 = AwsClientFactory.CreateS3Client(connection);
        using var kms = AwsClientFactory.CreateKmsClient(connection);
        var bucket = "core-client-" + Guid.NewGuid().ToString("N")[..12];

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "models/churn/model.tar.gz", ContentBody = "weights" });
        using var stored = await s3.GetObjectAsync(bucket, "models/churn/model.tar.gz");
        using var reader = new StreamReader(stored.ResponseStream, Encoding.UTF8);
        var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "model artifacts" });

        Assert.Equal("weights", await reader.ReadToEndAsync());
        Assert.Equal("222222222222", key.KeyMetadata.AWSAccountId);
        Assert.StartsWith("arn:aws:kms:us-east-1:222222222222:key/", key.KeyMetadata.Arn);
    }

    private string Endpoint => fixture.Registry.BaseAddress.ToString();

    private AwsConnection Connection(TestAccount account, string region = "us-east-1") =>
        new(new BasicAWSCredentials(account.AccessKeyId, account.SecretAccessKey), RegionEndpoint.GetBySystemName(region), Endpoint);

    private static async Task<string> CreateGroupAsync(SageMakerClient client)
    {
        var name = "core-client-" + Guid.NewGuid().ToString("N")[..12];
        await client.CreateModelPackageGroupAsync(name, description: null, tags: null, CancellationToken.None);
        return name;
    }

    private static ModelVersionRequest VersionRequest(string group) => new(group)
    {
        InferenceSpecification = new InferenceSpecification
        {
            Containers = { new InferenceContainer(Image) },
            SupportedContentTypes = ["text/csv"],
            SupportedResponseMIMETypes = ["text/csv"],
        },
    };

    /// <summary>The group's version ARNs as the registry lists them, read without the client under test.</summary>
    private async Task<List<string>> VersionArnsAsync(string group)
    {
        using var raw = fixture.Client();
        var listed = await raw.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group, ["MaxResults"] = 100 });
        Assert.Null(listed["NextToken"]);
        return listed["ModelPackageSummaryList"]!.AsArray().Select(s => (string)s!["ModelPackageArn"]!).ToList();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>Before any SDK client exists: the SDK honours proxies even for loopback, and IMDS would hang.</summary>
internal static class CoreClientTestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
