using Amazon;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>Many clients at once: every service reads, decides and writes atomically, so no write
/// is lost and no name is created twice.</summary>
public sealed class ConcurrentRequestTests(LocalRegistryFixture fixture) : IClassFixture<LocalRegistryFixture>
{
    private AwsConnection Connection => new(
        new BasicAWSCredentials(TestAccount.Training.AccessKeyId, TestAccount.Training.SecretAccessKey),
        RegionEndpoint.USEast1, fixture.Registry.BaseAddress.ToString().TrimEnd('/'));

    [Fact]
    public async Task Concurrent_grants_on_one_key_are_all_kept()
    {
        using var kms = AwsClientFactory.CreateKmsClient(Connection);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.KeyId;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key,
            GranteePrincipal = "arn:aws:iam::111111111111:root",
            Operations = ["Decrypt"],
            Name = "grant-" + i,
        })));

        var grants = await kms.ListGrantsAsync(new ListGrantsRequest { KeyId = key, Limit = 100 });
        Assert.Equal(30, grants.Grants.Count);
        Assert.Equal(30, grants.Grants.Select(g => g.Name).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_repository_name_succeed_once()
    {
        using var ecr = new EcrClient(Connection);
        var name = "race-" + Guid.NewGuid().ToString("N")[..12];

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await ecr.CreateRepositoryAsync(name, tags: null, CancellationToken.None);
                return "created";
            }
            catch (AmazonServiceException e)
            {
                return e.ErrorCode;
            }
        }));

        Assert.Equal(1, attempts.Count(a => a == "created"));
        Assert.All(attempts.Where(a => a != "created"), code => Assert.Equal("RepositoryAlreadyExistsException", code));
    }

    [Fact]
    public async Task Concurrent_registrations_in_one_group_get_distinct_consecutive_versions()
    {
        using var registry = new SageMakerClient(Connection);
        var group = "race-" + Guid.NewGuid().ToString("N")[..12];
        await registry.CreateModelPackageGroupAsync(group, description: null, tags: null, CancellationToken.None);

        var arns = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => registry.CreateModelPackageAsync(
            new ModelVersionRequest(group)
            {
                InferenceSpecification = new InferenceSpecification
                {
                    Containers = [new InferenceContainer("222222222222.dkr.ecr.us-east-1.amazonaws.com/churn:1")],
                },
            },
            CancellationToken.None)));

        var versions = arns.Select(arn => RegistryArn.Parse(arn).Version!.Value).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 25), versions);
    }
}
