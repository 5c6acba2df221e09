using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Resources;

/// <summary>A resource whose access is one policy document: compared by meaning, written whole,
/// deleted when it would be left empty.</summary>
internal abstract class PolicyResource : IManagedResource<PolicyDocument>
{
    protected PolicyResource(string accountId, string target)
    {
        AccountId = accountId;
        Target = target;
    }

    public abstract ResourceKind Kind { get; }

    public string AccountId { get; }

    public string Target { get; }

    protected abstract PolicySizeLimit Limit { get; }

    public abstract Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken);

    public Task WriteAsync(PolicyDocument? current, PolicyDocument? proposed, CancellationToken cancellationToken) =>
        proposed is null ? DeleteAsync(cancellationToken) : PutAsync(proposed, cancellationToken);

    public bool Satisfies(PolicyDocument? stored, PolicyDocument? wanted) =>
        stored is null ? wanted is null : wanted != null && PolicyDocument.SemanticallyEquals(stored, wanted);

    public string? Render(PolicyDocument? state) => state?.ToJson(indented: true);

    public string Diff(PolicyDocument? before, PolicyDocument? after) => PolicyDocument.Diff(before, after).ToString();

    public string? Refusal(PolicyDocument proposed)
    {
        try
        {
            proposed.EnsureWithin(Limit);
            return null;
        }
        catch (PolicySizeLimitExceededException e)
        {
            return e.Message;
        }
    }

    protected abstract Task PutAsync(PolicyDocument policy, CancellationToken cancellationToken);

    protected abstract Task DeleteAsync(CancellationToken cancellationToken);
}
