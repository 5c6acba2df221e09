using System.Net;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>The resource-policy rule across S3, KMS and ECR: another account needs the resource's
/// policy (or a KMS grant), an explicit Deny wins, and the owning account needs nothing.</summary>
public sealed class CrossAccountAuthorizationTests : IClassFixture<LocalRegistryFixture>
{
    private const string TrainingRoot = "arn:aws:iam::222222222222:root";
    private readonly LocalRegistryFixture _fixture;

    public CrossAccountAuthorizationTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    [Fact]
    public async Task Another_account_reads_an_object_only_once_the_bucket_policy_allows_it()
    {
        using var owner = S3ServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        using var training = S3ServiceTests.Client(_fixture.Registry, TestAccount.Training);
        var bucket = await S3ServiceTests.NewBucketAsync(owner);
        await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "model.tar.gz", ContentBody = "weights" });

        var before = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => training.GetObjectAsync(bucket, "model.tar.gz"));
        await owner.PutBucketPolicyAsync(bucket, BucketPolicy("Allow", TrainingRoot, "s3:GetObject", $"arn:aws:s3:::{bucket}/*"));
        using var after = await training.GetObjectAsync(bucket, "model.tar.gz");
        var write = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            training.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "other", ContentBody = "x" }));

        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (before.ErrorCode, before.StatusCode));
        Assert.Equal("weights", await new StreamReader(after.ResponseStream).ReadToEndAsync());
        Assert.Equal("AccessDenied", write.ErrorCode);
    }

    [Fact]
    public async Task Only_the_owning_account_manages_a_bucket_policy()
    {
        using var owner = S3ServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        using var training = S3ServiceTests.Client(_fixture.Registry, TestAccount.Training);
        var bucket = await S3ServiceTests.NewBucketAsync(owner);
        await owner.PutBucketPolicyAsync(bucket, BucketPolicy("Allow", TrainingRoot, "s3:*", $"arn:aws:s3:::{bucket}"));

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            training.PutBucketPolicyAsync(bucket, BucketPolicy("Allow", "*", "s3:*", $"arn:aws:s3:::{bucket}/*")));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    [Fact]
    public async Task An_explicit_deny_stops_even_the_owning_account()
    {
        using var owner = S3ServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(owner);
        await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "sealed/model", ContentBody = "x" });
        await owner.PutBucketPolicyAsync(bucket, BucketPolicy("Deny", "*", "s3:GetObject", $"arn:aws:s3:::{bucket}/sealed/*"));

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => owner.GetObjectAsync(bucket, "sealed/model"));

        Assert.Equal("AccessDenied", error.ErrorCode);
    }

    [Fact]
    public async Task Another_account_uses_a_key_through_its_key_policy()
    {
        using var owner = KmsServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        using var training = KmsServiceTests.Client(_fixture.Registry, TestAccount.Training);
        var key = (await owner.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        var before = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() =>
            training.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));
        await owner.PutKeyPolicyAsync(new PutKeyPolicyRequest
        {
            KeyId = key.KeyId,
            Policy = KmsServiceTests.KeyPolicy("arn:aws:iam::111111111111:root", TrainingRoot),
        });
        var after = await training.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn });
        var policyRead = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() =>
            training.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.Arn }));

        Assert.Equal("AccessDeniedException", before.ErrorCode);
        Assert.Equal($"User: {TrainingRoot} is not authorized to perform: kms:DescribeKey on resource: {key.Arn} because no resource-based policy allows the kms:DescribeKey action",
            before.Message);
        Assert.Equal(key.KeyId, after.KeyMetadata.KeyId);
        Assert.Equal("AccessDeniedException", policyRead.ErrorCode);
    }

    [Fact]
    public async Task A_grant_lets_an_assumed_role_of_another_account_use_a_key()
    {
        using var owner = KmsServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        var key = (await owner.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        using var sts = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials(TestAccount.Training.AccessKeyId, TestAccount.Training.SecretAccessKey),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _fixture.Registry.BaseAddress.ToString(), AuthenticationRegion = "us-east-1" });
        var session = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::222222222222:role/Trainer", RoleSessionName = "job-7" })).Credentials;
        using var trainer = new AmazonKeyManagementServiceClient(
            new SessionAWSCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken),
            new AmazonKeyManagementServiceConfig { ServiceURL = _fixture.Registry.BaseAddress.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

        var beforeGrant = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => trainer.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));
        var grant = await owner.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = "arn:aws:iam::222222222222:role/Trainer",
            RetiringPrincipal = TrainingRoot,
            Operations = [GrantOperation.DescribeKey],
        });
        var described = await trainer.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn });
        await trainer.RetireGrantAsync(new RetireGrantRequest { GrantToken = grant.GrantToken });

        var afterRetire = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => trainer.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.Arn }));

        Assert.Equal("AccessDeniedException", beforeGrant.ErrorCode);
        Assert.Equal(key.Arn, described.KeyMetadata.Arn);
        Assert.Equal("AccessDeniedException", afterRetire.ErrorCode);
    }

    [Fact]
    public async Task Another_account_sees_a_repository_only_through_its_policy()
    {
        var registry = _fixture.Registry;
        var shared = EcrServiceTests.NewName();
        var @private = EcrServiceTests.NewName();
        await EcrServiceTests.Ecr(registry, TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = shared });
        await EcrServiceTests.Ecr(registry, TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = @private });
        JsonObject Describe(string name) => new() { ["registryId"] = "111111111111", ["repositoryNames"] = new JsonArray(name) };

        var denied = await EcrServiceTests.EcrError(registry, TestAccount.Training, "DescribeRepositories", Describe(shared), "AccessDeniedException");
        await EcrServiceTests.Ecr(registry, TestAccount.Registry, "SetRepositoryPolicy",
            new JsonObject { ["repositoryName"] = shared, ["policyText"] = EcrServiceTests.PullPolicy(TrainingRoot) });
        var allowed = await EcrServiceTests.Ecr(registry, TestAccount.Training, "DescribeRepositories", Describe(shared));
        var listed = await EcrServiceTests.Ecr(registry, TestAccount.Training, "DescribeRepositories", new JsonObject { ["registryId"] = "111111111111" });
        await EcrServiceTests.EcrError(registry, TestAccount.Training, "SetRepositoryPolicy",
            new JsonObject { ["registryId"] = "111111111111", ["repositoryName"] = shared, ["policyText"] = EcrServiceTests.PullPolicy("*") },
            "AccessDeniedException");

        Assert.Contains("ecr:DescribeRepositories", denied.ErrorMessage);
        Assert.Equal(shared, (string?)allowed.Json["repositories"]![0]!["repositoryName"]);
        var listedNames = listed.Json["repositories"]!.AsArray().Select(r => (string)r!["repositoryName"]!).ToList();
        Assert.Contains(shared, listedNames);
        Assert.DoesNotContain(@private, listedNames);
    }

    [Fact]
    public async Task A_condition_the_registry_does_not_understand_denies_and_the_error_names_it()
    {
        using var owner = S3ServiceTests.Client(_fixture.Registry, TestAccount.Registry);
        using var training = S3ServiceTests.Client(_fixture.Registry, TestAccount.Training);
        var bucket = await S3ServiceTests.NewBucketAsync(owner);
        await owner.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "model.tar.gz", ContentBody = "weights" });
        const string officeOnly = ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}]}";
        await owner.PutBucketPolicyAsync(bucket, BucketPolicy("Allow", TrainingRoot, "s3:GetObject", $"arn:aws:s3:::{bucket}/*")[..^3] + officeOnly);

        using var group = _fixture.Client();
        var name = "conditions-" + Guid.NewGuid().ToString("N")[..12];
        var groupArn = (string)(await group.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name }))["ModelPackageGroupArn"]!;
        var versions = groupArn.Replace("model-package-group/", "model-package/") + "/*";
        await group.ExpectAsync("PutModelPackageGroupPolicy", new JsonObject
        {
            ["ModelPackageGroupName"] = name,
            ["ResourcePolicy"] = BucketPolicy("Allow", TrainingRoot, "sagemaker:CreateModelPackage", versions)[..^3] + officeOnly,
        });

        var s3Error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => training.GetObjectAsync(bucket, "model.tar.gz"));
        using var trainingSageMaker = _fixture.Client(TestAccount.Training);
        var sageMakerError = await trainingSageMaker.ExpectErrorAsync("CreateModelPackage", ModelPackageInput.For(groupArn), "AccessDeniedException");

        Assert.Equal("AccessDenied", s3Error.ErrorCode);
        Assert.Contains("Condition operator 'IpAddress' is not supported by the local registry", s3Error.Message);
        Assert.Contains("Condition operator 'IpAddress' is not supported by the local registry", sageMakerError.ErrorMessage);
    }

    private static string BucketPolicy(string effect, string principal, string action, string resource) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Rule\",\"Effect\":\"" + effect + "\"," +
        (principal == "*" ? "\"Principal\":\"*\"," : "\"Principal\":{\"AWS\":\"" + principal + "\"},") +
        "\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}]}";
}
