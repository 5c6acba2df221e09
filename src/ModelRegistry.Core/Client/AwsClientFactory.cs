using Amazon.KeyManagementService;
using Amazon.S3;
using Amazon.SecurityToken;

namespace ModelRegistry.Core.Client;

/// <summary>The SDK's own S3, KMS and STS clients on an <see cref="AwsConnection"/>, with the same endpoint rules.</summary>
public static class AwsClientFactory
{
    public static AmazonS3Client CreateS3Client(AwsConnection connection)
    {
        var config = new AmazonS3Config();
        // Virtual-hosted bucket names do not resolve on an emulator or proxy endpoint.
        config.ForcePathStyle = EndpointResolution.Apply(config, "S3", connection) is not null;
        SdkClientTracing.Trace(config, connection.Trace);
        return new AmazonS3Client(connection.Credentials, config);
    }

    public static AmazonKeyManagementServiceClient CreateKmsClient(AwsConnection connection)
    {
        var config = new AmazonKeyManagementServiceConfig();
        EndpointResolution.Apply(config, "KMS", connection);
        SdkClientTracing.Trace(config, connection.Trace);
        return new AmazonKeyManagementServiceClient(connection.Credentials, config);
    }

    public static AmazonSecurityTokenServiceClient CreateStsClient(AwsConnection connection)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        EndpointResolution.Apply(config, "STS", connection);
        SdkClientTracing.Trace(config, connection.Trace);
        return new AmazonSecurityTokenServiceClient(connection.Credentials, config);
    }
}
