using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>KMS over the wire with the official AWS SDK for .NET client.</summary>
public sealed class KmsServiceTests : IClassFixture<LocalRegistryFixture>
{
    private readonly LocalRegistryFixture _fixture;

    public KmsServiceTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    [Theory]
    [InlineData("SIGN_VERIFY", null)]
    [InlineData("SIGN_VERIFY", "SYMMETRIC_DEFAULT")]
    [InlineData("GENERATE_VERIFY_MAC", null)]
    [InlineData("ENCRYPT_DECRYPT", "ECC_NIST_P256")]
    [InlineData("ENCRYPT_DECRYPT", "HMAC_256")]
    public async Task CreateKey_refuses_a_key_usage_the_key_spec_cannot_serve(string usage, string? spec)
    {
        using var kms = Client(TestAccount.Registry);
        var request = new CreateKeyRequest { KeyUsage = usage };
        if (spec is not null)
        {
            request.KeySpec = spec;
        }

        var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.CreateKeyAsync(request));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains(usage, error.Message);
        Assert.Contains(spec ?? "SYMMETRIC_DEFAULT", error.Message);
    }

    [Theory]
    [InlineData("SIGN_VERIFY", "RSA_2048")]
    [InlineData("SIGN_VERIFY", "ECC_NIST_P256")]
    [InlineData("GENERATE_VERIFY_MAC", "HMAC_256")]
    [InlineData("ENCRYPT_DECRYPT", "RSA_4096")]
    public async Task CreateKey_accepts_matching_key_usage_and_spec(string usage, string spec)
    {
        using var kms = Client(TestAccount.Registry);

        var created = await kms.CreateKeyAsync(new CreateKeyRequest { KeyUsage = usage, KeySpec = spec });

        Assert.Equal((usage, spec), (created.KeyMetadata.KeyUsage.Value, created.KeyMetadata.KeySpec.Value));
    }

    [Theory]
    [InlineData("not-a-principal")]
    [InlineData("arn:aws:iam::12:root")]
    [InlineData("arn:aws:s3:::bucket")]
    public async Task CreateGrant_refuses_a_grantee_that_is_no_principal(string grantee)
    {
        using var kms = Client(TestAccount.Registry);
        var key = await kms.CreateKeyAsync(new CreateKeyRequest());

        var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyMetadata.KeyId,
            GranteePrincipal = grantee,
            Operations = ["Decrypt"],
        }));

        Assert.Equal("InvalidArnException", error.ErrorCode);
        Assert.Contains(grantee, error.Message);
        Assert.Empty((await kms.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyMetadata.KeyId })).Grants ?? []);
    }

    [Fact]
    public async Task CreateKey_describes_an_enabled_symmetric_key()
    {
        using var kms = Client(TestAccount.Registry);

        var created = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "model artifacts" });
        var byId = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = created.KeyMetadata.KeyId });
        var byArn = await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = created.KeyMetadata.Arn });

        var key = byId.KeyMetadata;
        Assert.Equal($"arn:aws:kms:us-east-1:111111111111:key/{key.KeyId}", key.Arn);
        Assert.Equal("111111111111", key.AWSAccountId);
        Assert.Equal(KeyState.Enabled, key.KeyState);
        Assert.Equal(KeySpec.SYMMETRIC_DEFAULT, key.KeySpec);
        Assert.Equal(KeyUsageType.ENCRYPT_DECRYPT, key.KeyUsage);
        Assert.Equal("model artifacts", key.Description);
        Assert.True(key.Enabled);
        Assert.Equal(key.KeyId, byArn.KeyMetadata.KeyId);
        Assert.InRange(key.CreationDate!.Value.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_new_key_has_the_default_key_policy()
    {
        using var kms = Client(TestAccount.Registry);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        var policy = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default" });

        Assert.Equal("default", policy.PolicyName);
        Assert.Contains("\"Sid\" : \"Enable IAM User Permissions\"", policy.Policy);
        Assert.Contains("\"AWS\" : \"arn:aws:iam::111111111111:root\"", policy.Policy);
        Assert.Contains("\"Action\" : \"kms:*\"", policy.Policy);
    }

    [Fact]
    public async Task PutKeyPolicy_replaces_the_policy()
    {
        using var kms = Client(TestAccount.Registry);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var policy = KeyPolicy("arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root");

        await kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = policy });
        var stored = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId });

        Assert.Equal(policy, stored.Policy);
    }

    [Fact]
    public async Task A_policy_that_locks_the_caller_out_is_rejected_unless_bypassed()
    {
        using var kms = Client(TestAccount.Registry);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var lockout = KeyPolicy("arn:aws:iam::222222222222:root");

        var error = await Assert.ThrowsAsync<MalformedPolicyDocumentException>(() =>
            kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = lockout }));
        await kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, Policy = lockout, BypassPolicyLockoutSafetyCheck = true });

        Assert.Equal("The new key policy will not allow you to update the key policy in the future.", error.Message);
    }

    [Fact]
    public async Task A_malformed_policy_is_rejected()
    {
        using var kms = Client(TestAccount.Registry);

        var error = await Assert.ThrowsAsync<MalformedPolicyDocumentException>(() =>
            kms.CreateKeyAsync(new CreateKeyRequest { Policy = "{\"Statement\": [ {\"Effect\": \"Maybe\"} ]}" }));

        Assert.Equal("MalformedPolicyDocumentException", error.ErrorCode);
    }

    [Theory]
    [InlineData("not-an-account")]
    [InlineData("arn:aws:iam::12:root")]
    public async Task A_key_policy_naming_a_principal_that_is_no_account_is_MalformedPolicyDocument(string principal)
    {
        using var kms = Client(TestAccount.Registry);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;
        var policy = KeyPolicy("arn:aws:iam::111111111111:root", principal);

        var created = await Assert.ThrowsAsync<MalformedPolicyDocumentException>(() => kms.CreateKeyAsync(new CreateKeyRequest { Policy = policy }));
        var put = await Assert.ThrowsAsync<MalformedPolicyDocumentException>(() =>
            kms.PutKeyPolicyAsync(new PutKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default", Policy = policy }));

        Assert.Equal("MalformedPolicyDocumentException", created.ErrorCode);
        Assert.Equal("MalformedPolicyDocumentException", put.ErrorCode);
        var kept = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key.KeyId, PolicyName = "default" });
        Assert.DoesNotContain(principal, kept.Policy);
    }

    [Fact]
    public async Task Grants_are_created_listed_retired_and_revoked()
    {
        using var kms = Client(TestAccount.Registry);
        var key = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        var first = await kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = "arn:aws:iam::222222222222:role/Trainer",
            Name = "trainer",
            Operations = [GrantOperation.DescribeKey, GrantOperation.Decrypt],
        });
        var again = await kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = "arn:aws:iam::222222222222:role/Trainer",
            Name = "trainer",
            Operations = [GrantOperation.DescribeKey, GrantOperation.Decrypt],
        });
        var second = await kms.CreateGrantAsync(new CreateGrantRequest
        {
            KeyId = key.KeyId,
            GranteePrincipal = "arn:aws:iam::222222222222:root",
            Operations = [GrantOperation.Encrypt],
        });
        var listed = await kms.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId });
        var firstPage = await kms.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId, Limit = 1 });
        await kms.RetireGrantAsync(new RetireGrantRequest { GrantToken = first.GrantToken });
        await kms.RevokeGrantAsync(new RevokeGrantRequest { KeyId = key.Arn, GrantId = second.GrantId });
        var remaining = await kms.ListGrantsAsync(new ListGrantsRequest { KeyId = key.KeyId });

        Assert.Equal(first.GrantId, again.GrantId);
        Assert.Equal([first.GrantId, second.GrantId], listed.Grants.Select(g => g.GrantId));
        var grant = listed.Grants[0];
        Assert.Equal(key.Arn, grant.KeyId);
        Assert.Equal("trainer", grant.Name);
        Assert.Equal("arn:aws:iam::111111111111:root", grant.IssuingAccount);
        Assert.Equal([GrantOperation.DescribeKey, GrantOperation.Decrypt], grant.Operations);
        Assert.True(firstPage.Truncated);
        Assert.Equal(second.GrantId, firstPage.NextMarker);
        Assert.Empty(remaining.Grants ?? []);
    }

    [Fact]
    public async Task An_unknown_key_is_not_found()
    {
        using var kms = Client(TestAccount.Registry);
        var keyId = Guid.NewGuid().ToString();

        var byId = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }));
        var byAlias = await Assert.ThrowsAsync<NotFoundException>(() => kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = "alias/models" }));

        Assert.Equal($"Key 'arn:aws:kms:us-east-1:111111111111:key/{keyId}' does not exist", byId.Message);
        Assert.Equal("Alias arn:aws:kms:us-east-1:111111111111:alias/models is not found.", byAlias.Message);
    }

    [Fact]
    public async Task Keys_are_kept_per_region()
    {
        using var east = Client(TestAccount.Registry);
        using var west = Client(TestAccount.Registry, "us-west-2");
        var key = (await east.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata;

        await Assert.ThrowsAsync<NotFoundException>(() => west.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task An_unknown_access_key_is_UnrecognizedClient()
    {
        using var kms = Client(TestAccount.Registry with { AccessKeyId = "AKIANOSUCHKEY0000000" });

        var error = await Assert.ThrowsAnyAsync<AmazonKeyManagementServiceException>(() => kms.CreateKeyAsync(new CreateKeyRequest()));

        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
    }

    internal static string KeyPolicy(params string[] principals) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Use\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[" +
        string.Join(',', principals.Select(p => $"\"{p}\"")) + "]},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";

    internal static AmazonKeyManagementServiceClient Client(RunningRegistry registry, TestAccount account, string region = "us-east-1") =>
        new(new BasicAWSCredentials(account.AccessKeyId, account.SecretAccessKey), new AmazonKeyManagementServiceConfig
        {
            ServiceURL = registry.BaseAddress.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = 0,
        });

    private AmazonKeyManagementServiceClient Client(TestAccount account, string region = "us-east-1") => Client(_fixture.Registry, account, region);
}
