using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Resources;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Output;

/// <summary>The one apply path of every policy change (Set-/Remove-MRGroupPolicy,
/// Grant-/Revoke-MRCrossAccountAccess): the same prompt and -WhatIf text (the plan with its diff),
/// the same confirm rule, the same error record for a change that failed.</summary>
internal static class ChangePlanRunner
{
    /// <returns>Each change as it ended: applied and verified, unchanged, declined or failed.</returns>
    public static async Task<IReadOnlyList<ResourceChange>> ApplyAsync(
        AsyncPSCmdlet cmdlet, ChangePlan plan, string action, bool force, bool writeOutcomes, CancellationToken cancellationToken)
    {
        foreach (var warning in plan.Warnings) cmdlet.WriteWarningFromWorker(warning);
        var outcomes = new List<ResourceChange>();
        foreach (var change in plan.Changes)
        {
            var outcome = change;
            if (change.Status == nameof(ResourceChangeStatus.WillChange)
                && (plan.Blocker != null || cmdlet.ShouldChange($"{change.Resource} {change.Target} (account {change.AccountId})", action, force, change.Diff)))
            {
                outcome = await plan.ApplyAsync(change, cancellationToken);
            }

            outcomes.Add(outcome);
            if (writeOutcomes) cmdlet.WriteObjectFromWorker(outcome);
            if (outcome.Status == nameof(ResourceChangeStatus.Failed)) cmdlet.WriteErrorFromWorker(ErrorRecords.ChangeFailed(outcome));
        }

        foreach (var line in plan.Summarize(outcomes)) cmdlet.WriteWarningFromWorker(line);
        return outcomes;
    }
}
