using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Resources;

/// <summary>
/// The changes a command would make, each read and planned before anything is written. The
/// changes are plain data; <see cref="ApplyAsync"/> applies one of them. When any resource could not
/// be read or planned, nothing is written at all.
/// </summary>
public sealed class ChangePlan
{
    private readonly IReadOnlyList<PlannedChange> _planned;

    internal ChangePlan(IEnumerable<PlannedChange> planned, IEnumerable<string>? warnings = null)
    {
        _planned = planned.ToList();
        Changes = _planned.Select(p => p.Change).ToList();
        Warnings = warnings?.ToList() ?? new List<string>();
        var failed = Changes.Where(change => change.ChangeStatus == ResourceChangeStatus.Failed).ToList();
        Blocker = failed.Count == 0 ? null
            : $"nothing is written while the {string.Join(", ", failed.Select(change => change.Resource))} of {string.Join(", ", failed.Select(change => change.Target))} cannot be changed";
    }

    /// <summary>One change per resource, in the order they are applied.</summary>
    public IReadOnlyList<ResourceChange> Changes { get; }

    /// <summary>What people should know before applying (a Deny that overrides the grant).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Why nothing of this plan may be written; null when it may be applied.</summary>
    public string? Blocker { get; }

    /// <summary>Writes one planned change and verifies it; a change that is not
    /// <see cref="ResourceChangeStatus.WillChange"/> (or a blocked plan) comes back as it is.
    /// AWS failures come back as a <see cref="ResourceChangeStatus.Failed"/> change, never thrown.</summary>
    public async Task<ResourceChange> ApplyAsync(ResourceChange change, CancellationToken cancellationToken)
    {
        var planned = _planned.FirstOrDefault(p => ReferenceEquals(p.Change, change))
            ?? throw new ArgumentException("The change is not one of this plan's.", nameof(change));
        if (change.ChangeStatus != ResourceChangeStatus.WillChange || planned.Apply is null)
        {
            return change;
        }

        return Blocker is null
            ? await planned.Apply(cancellationToken).ConfigureAwait(false)
            : change.With(ResourceChangeStatus.WillChange, $"Not applied: {Blocker}.");
    }

    /// <summary>The closing warnings for <paramref name="outcomes"/>: sides left to another
    /// administrator, and what failed and what is in place.</summary>
    public IReadOnlyList<string> Summarize(IReadOnlyList<ResourceChange> outcomes)
    {
        var lines = new List<string>();
        var skipped = outcomes.Where(change => change.ChangeStatus == ResourceChangeStatus.Skipped).ToList();
        if (skipped.Count > 0)
        {
            lines.Add($"Skipped {string.Join(", ", skipped.Select(change => change.Resource))} of account {skipped[0].AccountId}: no credentials for it were given. Its administrator runs:\n{skipped[0].Command}");
        }

        if (Blocker != null)
        {
            lines.Add($"Nothing was written: {Blocker}. Fix the cause and run the same command again.");
            return lines;
        }

        var failed = outcomes.Count(change => change.ChangeStatus == ResourceChangeStatus.Failed);
        if (failed > 0 && outcomes.Count > 1)
        {
            var done = string.Join(", ",
                outcomes.Where(c => c.ChangeStatus is ResourceChangeStatus.Verified or ResourceChangeStatus.Unchanged).Select(c => c.Resource));
            lines.Add($"{failed} of {outcomes.Count} resources failed; in place: {(done.Length == 0 ? "none" : done)}. Fix the cause and run the same command again: it changes only what is still missing.");
        }

        return lines;
    }
}
