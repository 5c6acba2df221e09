using Amazon.Runtime;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>A resource policy kept in memory that counts writes, can refuse reads and writes, and can store something other than it was given.</summary>
internal sealed class InMemoryResourcePolicy : PolicyResource
{
    private readonly PolicySizeLimit _limit;

    public InMemoryResourcePolicy(PolicyDocument? policy, PolicySizeLimit? limit = null, ResourceKind kind = ResourceKind.BucketPolicy)
        : base("222222222222", "arn:aws:s3:::in-memory-" + kind)
    {
        Stored = policy?.ToJson();
        _limit = limit ?? PolicySizeLimit.S3BucketPolicy;
        Kind = kind;
    }

    public override ResourceKind Kind { get; }

    protected override PolicySizeLimit Limit => _limit;

    /// <summary>The JSON text as the service would hold it.</summary>
    public string? Stored { get; set; }

    public int Writes { get; private set; }

    public AmazonServiceException? RefuseWritesWith { get; set; }

    public AmazonServiceException? RefuseReadsWith { get; set; }

    /// <summary>Applied to every policy written, to stand in for a service that changes what it stores.</summary>
    public Func<PolicyDocument, PolicyDocument>? StoreInstead { get; set; }

    /// <summary>Runs as each read starts, to stand in for another writer acting between reads.</summary>
    public Action? OnRead { get; set; }

    public PolicyDocument? Current => Stored is null ? null : PolicyDocument.Parse(Stored);

    public override Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        if (RefuseReadsWith != null)
        {
            throw RefuseReadsWith;
        }

        OnRead?.Invoke();
        return Task.FromResult(Current);
    }

    protected override Task PutAsync(PolicyDocument policy, CancellationToken cancellationToken)
    {
        Writes++;
        if (RefuseWritesWith != null)
        {
            throw RefuseWritesWith;
        }

        Stored = (StoreInstead?.Invoke(policy) ?? policy).ToJson();
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(CancellationToken cancellationToken)
    {
        Writes++;
        Stored = null;
        return Task.CompletedTask;
    }
}
