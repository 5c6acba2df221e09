using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;

namespace ModelRegistry.Core.Tests.Client;

/// <summary>A RegistryClient (the registry account's keys, us-east-1) talking to a <see cref="CannedJsonServer"/>.</summary>
internal sealed class CannedRegistry : IDisposable
{
    public CannedRegistry() =>
        Client = new RegistryClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111"), RegionEndpoint.USEast1, Server.Url));

    public CannedJsonServer Server { get; } = new();

    public RegistryClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
