using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PolicySizeLimitTests
{
    [Fact]
    public void Service_limits_match_the_documented_values()
    {
        Assert.Equal((20480, PolicySizeUnit.Bytes), (PolicySizeLimit.S3BucketPolicy.MaximumSize, PolicySizeLimit.S3BucketPolicy.Unit));
        Assert.Equal((10240, PolicySizeUnit.Characters), (PolicySizeLimit.EcrRepositoryPolicy.MaximumSize, PolicySizeLimit.EcrRepositoryPolicy.Unit));
        Assert.Equal((20480, PolicySizeUnit.Characters), (PolicySizeLimit.SageMakerModelPackageGroupPolicy.MaximumSize, PolicySizeLimit.SageMakerModelPackageGroupPolicy.Unit));
        Assert.Equal((32768, PolicySizeUnit.Bytes), (PolicySizeLimit.KmsKeyPolicy.MaximumSize, PolicySizeLimit.KmsKeyPolicy.Unit));
    }

    [Fact]
    public void Size_is_measured_on_the_compact_rendering()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        Assert.Equal(policy.ToJson().Length, policy.MeasureSize(PolicySizeLimit.SageMakerModelPackageGroupPolicy));
        Assert.True(policy.ToJson().Length < RealWorldPolicies.SageMakerCrossAccountModelGroup.Length);
    }

    [Fact]
    public void A_policy_exactly_at_the_limit_is_accepted_and_one_character_more_is_not()
    {
        var atLimit = PolicyOfSize(PolicySizeLimit.EcrRepositoryPolicy.MaximumSize);
        var overLimit = PolicyOfSize(PolicySizeLimit.EcrRepositoryPolicy.MaximumSize + 1);

        atLimit.EnsureWithin(PolicySizeLimit.EcrRepositoryPolicy);
        var exception = Assert.Throws<PolicySizeLimitExceededException>(() => overLimit.EnsureWithin(PolicySizeLimit.EcrRepositoryPolicy));

        Assert.Equal(10241, exception.ActualSize);
        Assert.Same(PolicySizeLimit.EcrRepositoryPolicy, exception.Limit);
        Assert.Equal(
            "The Amazon ECR repository policy would be 10,241 characters, but Amazon ECR accepts at most 10,240 characters. Remove statements or shorten them.",
            exception.Message);
    }

    [Fact]
    public void Byte_limits_count_utf8_bytes_and_character_limits_count_characters()
    {
        // 15,000 characters of 'é' are 30,000 UTF-8 bytes: too big for S3 (bytes), fine for KMS (32 KB).
        var policy = new PolicyDocument(new[]
        {
            new PolicyStatement(
                PolicyEffect.Allow,
                sid: "Tagged",
                principal: PolicyPrincipal.Anyone,
                actions: new[] { "s3:GetObject" },
                conditions: new[] { new PolicyCondition("StringEquals", "s3:ExistingObjectTag/label", new[] { new string('é', 15000) }) }),
        });
        var characters = policy.ToJson().Length;

        var exception = Assert.Throws<PolicySizeLimitExceededException>(() => policy.EnsureWithin(PolicySizeLimit.S3BucketPolicy));
        policy.EnsureWithin(PolicySizeLimit.KmsKeyPolicy);
        policy.EnsureWithin(PolicySizeLimit.SageMakerModelPackageGroupPolicy);

        Assert.Equal(characters + 15000, exception.ActualSize);
        Assert.Contains("Amazon S3 bucket policy", exception.Message);
        Assert.Contains("at most 20,480 bytes", exception.Message);
        Assert.Throws<PolicySizeLimitExceededException>(() => policy.EnsureWithin(PolicySizeLimit.EcrRepositoryPolicy));
    }

    // Pads the Sid so the compact rendering is exactly `size` ASCII characters.
    private static PolicyDocument PolicyOfSize(int size)
    {
        static PolicyDocument WithSid(string sid)
            => new(new[] { new PolicyStatement(PolicyEffect.Allow, sid: sid, principal: PolicyPrincipal.ForAws("222222222222"), actions: new[] { "ecr:BatchGetImage" }) });

        var shortest = WithSid("S").ToJson().Length;
        var policy = WithSid("S" + new string('s', size - shortest));
        Assert.Equal(size, policy.ToJson().Length);
        return policy;
    }
}
