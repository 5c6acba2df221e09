using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>What a set-up accepts before any account is called, and the names and command line derived from it.</summary>
public sealed class CrossAccountGrantTests
{
    private const string KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";

    [Theory]
    [InlineData("RegistryAccountId", "11111111111")]
    [InlineData("RegistryAccountId", null)]
    [InlineData("TrainingAccountId", "2222222222222")]
    [InlineData("TrainingAccountId", "22222222222a")]
    public void An_account_id_that_is_not_12_digits_is_refused(string parameter, string? accountId)
    {
        var error = Assert.Throws<ModelRegistryException>(() => Grant(
            registry: parameter == "RegistryAccountId" ? accountId! : "111111111111",
            training: parameter == "TrainingAccountId" ? accountId! : "222222222222"));

        Assert.Equal((ErrorIds.InvalidCrossAccountGrant, parameter, accountId), (error.ErrorId, error.ParameterName, (string?)error.Value));
        Assert.Equal($"-{parameter}: an AWS account id is 12 digits.", error.Message);
    }

    [Theory]
    [InlineData("Region")]
    [InlineData("KmsKeyId")]
    public void A_blank_region_or_key_is_refused(string parameter)
    {
        var error = Assert.Throws<ModelRegistryException>(() => Grant(
            region: parameter == "Region" ? " " : "us-east-1", key: parameter == "KmsKeyId" ? "" : KeyId));

        Assert.Equal((ErrorIds.InvalidCrossAccountGrant, parameter), (error.ErrorId, error.ParameterName));
        Assert.Equal($"-{parameter}: a value is required.", error.Message);
    }

    [Fact]
    public void A_name_against_the_services_rules_is_refused_with_the_rule_as_a_sentence()
    {
        var error = Assert.Throws<ModelRegistryException>(() => Grant(bucket: "Training_Artifacts"));

        Assert.Equal(
            "-BucketName: an S3 bucket name is 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.",
            error.Message);
        Assert.Equal("Training_Artifacts", error.Value);
    }

    [Fact]
    public void A_key_given_as_an_ARN_is_used_as_it_is()
    {
        const string KeyArn = "arn:aws-cn:kms:cn-north-1:222222222222:key/" + KeyId;

        var grant = Grant(key: KeyArn);

        Assert.Equal((KeyArn, KeyArn), (grant.KmsKeyId, grant.KmsKeyArn));
    }

    [Fact]
    public void A_key_given_by_id_lives_in_the_training_account_and_region()
    {
        Assert.Equal("arn:aws:kms:eu-west-1:222222222222:key/" + KeyId, Grant(region: "eu-west-1").KmsKeyArn);
    }

    [Fact]
    public void A_prefix_may_be_as_long_as_an_object_key_counted_in_UTF8_bytes()
    {
        var longest = new string('é', 512);
        var tooLong = new string('é', 513);

        Assert.Equal(longest, Grant(prefix: longest).BucketPrefix);
        var error = Assert.Throws<ModelRegistryException>(() => Grant(prefix: tooLong));
        Assert.Equal(("BucketPrefix", new string('é', 40) + "..."), (error.ParameterName, (string?)error.Value));
        Assert.Equal("-BucketPrefix: a key prefix is at most 1024 bytes long (an S3 object key's limit).", error.Message);
    }

    [Fact]
    public void A_prefix_is_relative_to_the_bucket()
    {
        var grant = Grant(prefix: "/models/");

        Assert.Equal("models/", grant.BucketPrefix);
        Assert.Equal("arn:aws:s3:::training-artifacts/models/*", grant.ObjectsArn);
    }

    [Fact]
    public void The_command_line_quotes_values_as_PowerShell_reads_them()
    {
        var line = Grant(prefix: "models/o'brien/").CommandLine(CrossAccountAccess.TestCommand);

        Assert.Equal(
            "Test-MRCrossAccountAccess -RegistryAccountId '111111111111' -TrainingAccountId '222222222222' -ModelGroupName 'Iris-Models' -RepositoryName 'iris-inference' -BucketName 'training-artifacts' -BucketPrefix 'models/o''brien/' -KmsKeyId '" + KeyId + "' -Region 'us-east-1'",
            line);
    }

    [Fact]
    public void The_KMS_grant_is_named_after_the_registry_account_it_lets_in()
    {
        Assert.Equal("ModelRegistryCrossAccount-111111111111", Grant().KmsGrantName);
    }

    private static CrossAccountGrant Grant(
        string registry = "111111111111", string training = "222222222222", string bucket = "training-artifacts", string prefix = "models/",
        string key = KeyId, string region = "us-east-1") =>
        new(registry, training, "Iris-Models", "iris-inference", bucket, prefix, key, region);
}
