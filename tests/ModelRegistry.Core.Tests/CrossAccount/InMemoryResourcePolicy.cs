using Amazon.Runtime;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>A resource policy kept in memory that counts writes, can refuse them, and can store something other than it was given.</summary>
internal sealed class InMemoryResourcePolicy : IResourcePolicy
{
    public InMemoryResourcePolicy(PolicyDocument? policy, PolicySizeLimit? limit = null)
    {
        Stored = policy?.ToJson();
        Limit = limit ?? PolicySizeLimit.S3BucketPolicy;
    }

    public PolicySizeLimit Limit { get; }

    /// <summary>The JSON text as the service would hold it.</summary>
    public string? Stored { get; private set; }

    public int Writes { get; private set; }

    public AmazonServiceException? RefuseWritesWith { get; set; }

    /// <summary>Applied to every policy written, to stand in for a service that changes what it stores.</summary>
    public Func<PolicyDocument, PolicyDocument>? StoreInstead { get; set; }

    public PolicyDocument? Current => Stored is null ? null : PolicyDocument.Parse(Stored);

    public Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public Task WriteAsync(PolicyDocument policy, CancellationToken cancellationToken)
    {
        Writes++;
        if (RefuseWritesWith != null)
        {
            throw RefuseWritesWith;
        }

        Stored = (StoreInstead?.Invoke(policy) ?? policy).ToJson();
        return Task.CompletedTask;
    }

    public Task DeleteAsync(CancellationToken cancellationToken)
    {
        Writes++;
        Stored = null;
        return Task.CompletedTask;
    }
}
