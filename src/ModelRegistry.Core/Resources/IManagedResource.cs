using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Resources;

/// <summary>
/// One resource whose access this module manages, seen as a state it can read, compare, show and
/// write: a policy document, or the set of KMS grants of one name. <see cref="ChangePlanner"/> does the
/// rest (plan, apply under a lock, verify by reading back) the same way for every kind.
/// </summary>
/// <typeparam name="TState">What the resource holds; null means nothing (no policy, no grant).</typeparam>
internal interface IManagedResource<TState>
    where TState : class
{
    ResourceKind Kind { get; }

    /// <summary>The account that owns the resource.</summary>
    string AccountId { get; }

    /// <summary>The resource's ARN.</summary>
    string Target { get; }

    Task<TState?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Brings the resource from <paramref name="current"/> to <paramref name="proposed"/> (null: remove it).</summary>
    Task WriteAsync(TState? current, TState? proposed, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="stored"/> says what <paramref name="wanted"/> says.</summary>
    bool Satisfies(TState? stored, TState? wanted);

    /// <summary>Indented JSON as plans show it; null for nothing.</summary>
    string? Render(TState? state);

    /// <summary>What changes from <paramref name="before"/> to <paramref name="after"/>, for people.</summary>
    string Diff(TState? before, TState? after);

    /// <summary>Why the service would refuse <paramref name="proposed"/> (a size limit), or null.</summary>
    string? Refusal(TState proposed);
}
