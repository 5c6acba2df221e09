using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;

namespace ModelRegistry.Core.Tests.Client;

/// <summary>Tests of a SageMakerClient (the registry account's keys, us-east-1) against a fresh
/// <see cref="CannedJsonServer"/> per test.</summary>
public abstract class CannedRegistryTest : IDisposable
{
    private protected CannedRegistryTest() =>
        Registry = new SageMakerClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111"), RegionEndpoint.USEast1, Server.Url));

    private protected CannedJsonServer Server { get; } = new();

    private protected SageMakerClient Registry { get; }

    public void Dispose()
    {
        Registry.Dispose();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
