using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>The four resources of a set-up, in memory, each starting with the given policy.</summary>
internal sealed class InMemoryCrossAccountResources : ICrossAccountResources, IDisposable
{
    public InMemoryCrossAccountResources(PolicyDocument? foreign)
    {
        foreach (var kind in new[] { ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.ModelGroupPolicy })
        {
            Policies[kind] = new InMemoryResourcePolicy(foreign, kind: kind);
        }
    }

    public Dictionary<ResourceKind, InMemoryResourcePolicy> Policies { get; } = new();

    public InMemoryKeyGrants Key { get; } = new();

    public bool Disposed { get; private set; }

    public int Writes => Policies.Values.Sum(p => p.Writes) + Key.Writes;

    public IManagedResource<PolicyDocument> PolicyOf(ResourceKind kind) => Policies[kind];

    public KmsGrant KmsGrant() => new(Key, "222222222222", "ModelRegistryCrossAccount-111111111111", "arn:aws:iam::111111111111:root");

    public void Dispose() => Disposed = true;
}
