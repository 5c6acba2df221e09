using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Resources;

/// <summary>
/// Plans and applies a change the same way for every kind of resource. The change is a function from
/// the resource's state to the wanted state (merge our statements, remove them, replace the policy),
/// so applying reads the resource again and recomputes it: a writer that changed the resource after
/// the plan is merged with, not overwritten. Within this process, changes to one resource run one at
/// a time; each is verified by reading back and retried when another writer undid it.
/// </summary>
internal static class ChangePlanner
{
    private const int MaxWrites = 3;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public static async Task<PlannedChange> PlanAsync<TState>(IManagedResource<TState> resource, Func<TState?, TState?> propose,
        CancellationToken cancellationToken)
        where TState : class
    {
        TState? current;
        try
        {
            current = await resource.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsResourceFailure(e, cancellationToken))
        {
            return new PlannedChange(Outcome(resource, ResourceChangeStatus.Failed, "Not planned: " + AwsErrors.Describe(e)), null);
        }

        var proposed = propose(current);
        var status = resource.Satisfies(current, proposed) ? ResourceChangeStatus.Unchanged : ResourceChangeStatus.WillChange;
        var refusal = status == ResourceChangeStatus.WillChange && proposed != null ? resource.Refusal(proposed) : null;
        var change = new ResourceChange(
            resource.Kind, resource.AccountId, resource.Target, refusal is null ? status : ResourceChangeStatus.Failed,
            resource.Render(current), resource.Render(proposed), resource.Diff(current, proposed), refusal is null ? null : "Not applied: " + refusal);
        return new PlannedChange(change, token => ApplyAsync(resource, change, propose, token));
    }

    /// <summary>A change that is final as it is: skipped, or failed before it could be planned.</summary>
    public static PlannedChange Final(ResourceChange change) => new(change, null);

    private static async Task<ResourceChange> ApplyAsync<TState>(
        IManagedResource<TState> resource, ResourceChange planned, Func<TState?, TState?> propose, CancellationToken cancellationToken)
        where TState : class
    {
        var gate = Locks.GetOrAdd(resource.Target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? mismatch = null;
            for (var write = 0; write < MaxWrites; write++)
            {
                TState? proposed;
                try
                {
                    var current = await resource.ReadAsync(cancellationToken).ConfigureAwait(false);
                    proposed = propose(current);
                    if (resource.Satisfies(current, proposed))
                    {
                        return planned.With(ResourceChangeStatus.Verified,
                            write == 0 ? "Already in place when applied (read back)." : "Applied and verified by reading it back.");
                    }

                    if (proposed != null && resource.Refusal(proposed) is { } refusal)
                    {
                        return planned.With(ResourceChangeStatus.Failed, "Not applied: " + refusal);
                    }

                    await resource.WriteAsync(current, proposed, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsResourceFailure(e, cancellationToken))
                {
                    return planned.With(ResourceChangeStatus.Failed,
                        (write == 0 ? "Not applied: " : "Applied, but a retry after another writer failed: ") + AwsErrors.Describe(e));
                }

                TState? readBack;
                try
                {
                    readBack = await resource.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (IsResourceFailure(e, cancellationToken))
                {
                    return planned.With(ResourceChangeStatus.Failed, "Applied, but it could not be read back to verify: " + AwsErrors.Describe(e));
                }

                // What we asked for must hold in what is stored; statements others added meanwhile may stay.
                if (resource.Satisfies(readBack, propose(readBack)))
                {
                    return planned.With(ResourceChangeStatus.Verified, "Applied and verified by reading it back.");
                }

                mismatch = readBack is null && proposed != null ? "the resource has none." : resource.Diff(proposed, readBack);
            }

            return planned.With(ResourceChangeStatus.Failed, $"Applied {MaxWrites} times, but reading it back shows something else: {mismatch}");
        }
        finally
        {
            gate.Release();
        }
    }

    private static ResourceChange Outcome<TState>(IManagedResource<TState> resource, ResourceChangeStatus status, string message)
        where TState : class =>
        new(resource.Kind, resource.AccountId, resource.Target, status, null, null, string.Empty, message);

    /// <summary>An AWS failure, or a stored policy that cannot be parsed; never a bug or Ctrl+C.</summary>
    private static bool IsResourceFailure(Exception e, CancellationToken cancellationToken) =>
        AwsErrors.IsAwsFailure(e, cancellationToken.IsCancellationRequested) || e is PolicyFormatException;
}
