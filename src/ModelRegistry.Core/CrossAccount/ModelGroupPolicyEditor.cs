using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// Reads and plans changes to a model group's resource policy: merge statements by Sid (the
/// default), replace the whole policy, or remove statements. Plans are applied with
/// <see cref="ChangePlan.ApplyAsync"/>, which writes nothing when the policy already says it.
/// </summary>
public sealed class ModelGroupPolicyEditor
{
    private readonly SageMakerClient _client;

    public ModelGroupPolicyEditor(SageMakerClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <returns>The group's policy, or null when it has none (a missing group throws the service's error).</returns>
    public async Task<PolicyDocument?> GetAsync(string groupName, CancellationToken cancellationToken) =>
        await (await PolicyOfAsync(groupName, cancellationToken).ConfigureAwait(false)).ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Plans putting <paramref name="policy"/>: its statements merged by Sid into the current policy, or replacing it.</summary>
    /// <exception cref="ModelRegistryException">Merging a statement without Sid (it could never be replaced or removed later).</exception>
    public async Task<ChangePlan> PlanSetAsync(string groupName, PolicyDocument policy, bool replace, CancellationToken cancellationToken)
    {
        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        if (!replace)
        {
            var unnamed = policy.Statements.Select((statement, index) => (statement, index)).FirstOrDefault(s => s.statement.Sid is null);
            if (unnamed.statement != null)
            {
                throw ModelRegistryException.InvalidArgument(ErrorIds.InvalidParameter, "Policy", null,
                    $"-Policy: statement {unnamed.index + 1} has no Sid. Merging replaces and removes statements by Sid, so each merged statement needs one; add a Sid or use -Replace to overwrite the whole policy.");
            }
        }

        try
        {
            PrincipalIdentifierRules.EnsureValid(policy);
        }
        catch (PolicyFormatException e)
        {
            throw ModelRegistryException.InvalidArgument(ErrorIds.InvalidParameter, "Policy", e.ElementPath, $"-Policy: {e.Message}");
        }

        Func<PolicyDocument?, PolicyDocument?> propose = replace ? _ => policy : current => PolicyMerge.Merge(current, policy.Statements);
        return new ChangePlan(new[] { await ChangePlanner.PlanAsync(await PolicyOfAsync(groupName, cancellationToken).ConfigureAwait(false), propose,
            cancellationToken).ConfigureAwait(false) });
    }

    /// <summary>Plans removing the statements named by <paramref name="sids"/>, or the whole policy when null.
    /// A policy left without statements is deleted.</summary>
    public async Task<ChangePlan> PlanRemoveAsync(string groupName, IReadOnlyCollection<string>? sids, CancellationToken cancellationToken)
    {
        Func<PolicyDocument?, PolicyDocument?> propose = sids is null ? _ => null : current => PolicyMerge.Remove(current, sids);
        var planned = await ChangePlanner.PlanAsync(await PolicyOfAsync(groupName, cancellationToken).ConfigureAwait(false), propose,
            cancellationToken).ConfigureAwait(false);
        var current = planned.Change.CurrentPolicy is { } text ? PolicyDocument.Parse(text) : null;
        var absent = sids?.Where(sid => current?.FindStatement(sid) is null).ToList() ?? new List<string>();
        return new ChangePlan(new[] { planned },
            absent.Count == 0 ? null : new[] { $"The policy of model group '{groupName}' has no statement with Sid {string.Join(", ", absent.Select(sid => $"'{sid}'"))}: nothing to remove for it." });
    }

    /// <summary>The group's ARN (which the statements' resources are built from).</summary>
    public async Task<string> GetGroupArnAsync(string groupName, CancellationToken cancellationToken) =>
        (await _client.DescribeModelPackageGroupAsync(groupName, cancellationToken).ConfigureAwait(false)).Arn;

    /// <summary>The group's policy as a resource; a missing group throws the service's error here, before any plan.
    /// The policy operations take the group's name only, so a group given by its ARN is named by its described name.</summary>
    private async Task<ModelGroupPolicy> PolicyOfAsync(string groupName, CancellationToken cancellationToken)
    {
        var group = await _client.DescribeModelPackageGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        return new ModelGroupPolicy(_client, group.Arn, group.Name);
    }
}
