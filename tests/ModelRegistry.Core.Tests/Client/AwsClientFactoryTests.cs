using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class AwsClientFactoryTests
{
    private static readonly AwsConnection Local =
        new(new BasicAWSCredentials("AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111"), RegionEndpoint.EUWest1, "http://127.0.0.1:4566");

    [Fact]
    public void S3_uses_path_style_addressing_and_signs_for_the_configured_region_on_an_overridden_endpoint()
    {
        using var client = AwsClientFactory.CreateS3Client(Local);
        var config = (Amazon.S3.AmazonS3Config)client.Config;

        Assert.True(config.ForcePathStyle);
        Assert.Equal("http://127.0.0.1:4566/", config.ServiceURL);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void Kms_and_sts_clients_take_the_same_endpoint_and_signing_region()
    {
        using var kms = AwsClientFactory.CreateKmsClient(Local);
        using var sts = AwsClientFactory.CreateStsClient(Local);

        Assert.All(new IClientConfig[] { kms.Config, sts.Config }, config =>
        {
            Assert.Equal("http://127.0.0.1:4566/", config.ServiceURL);
            Assert.Equal("eu-west-1", config.AuthenticationRegion);
        });
    }

    [Fact]
    public void S3_KMS_and_STS_clients_leave_a_lost_answer_to_the_counted_retries()
    {
        using var s3 = AwsClientFactory.CreateS3Client(Local);
        using var kms = AwsClientFactory.CreateKmsClient(Local);
        using var sts = AwsClientFactory.CreateStsClient(Local);

        // As for the module's JSON clients (JsonServiceClientWireTests): no stale-connection resends outside MaxErrorRetry.
        Assert.All(new IClientConfig[] { s3.Config, kms.Config, sts.Config }, config => Assert.Equal(0, config.MaxStaleConnectionRetries));
    }
}
