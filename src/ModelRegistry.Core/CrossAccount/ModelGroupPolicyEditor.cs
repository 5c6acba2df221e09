using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// Reads and plans changes to a model group's resource policy: merge statements by Sid (the
/// default), replace the whole policy, or remove statements. Plans are applied with
/// <see cref="ResourceChange.ApplyAsync"/>, which writes nothing when the policy already says it.
/// </summary>
public sealed class ModelGroupPolicyEditor
{
    private readonly RegistryClient _client;

    public ModelGroupPolicyEditor(RegistryClient client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
    }

    /// <returns>The group's policy, or null when it has none (a missing group throws the service's error).</returns>
    public Task<PolicyDocument?> GetAsync(string groupName, CancellationToken cancellationToken) =>
        new ModelGroupPolicy(_client, groupName).ReadAsync(cancellationToken);

    /// <summary>Plans putting <paramref name="policy"/>: its statements merged by Sid into the current policy, or replacing it.</summary>
    /// <exception cref="ArgumentException">Merging a statement without Sid (it could never be replaced or removed later).</exception>
    public async Task<ResourceChange> PlanSetAsync(string groupName, PolicyDocument policy, bool replace, CancellationToken cancellationToken)
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
                throw new ArgumentException(
                    $"Statement {unnamed.index + 1} has no Sid. Merging replaces and removes statements by Sid, so each merged statement needs one; add a Sid or use -Replace to overwrite the whole policy.",
                    nameof(policy));
            }
        }

        var (place, arn, current) = await ReadAsync(groupName, cancellationToken).ConfigureAwait(false);
        var proposed = replace ? policy : PolicyMerge.Merge(current, policy.Statements);
        return ResourceChange.ForPolicy(CrossAccountResource.ModelGroupPolicy, AccountOf(arn), arn, place, current, proposed);
    }

    /// <summary>Plans removing the statements named by <paramref name="sids"/>, or the whole policy when null.
    /// A policy left without statements is deleted.</summary>
    public async Task<ResourceChange> PlanRemoveAsync(string groupName, IReadOnlyCollection<string>? sids, CancellationToken cancellationToken)
    {
        var (place, arn, current) = await ReadAsync(groupName, cancellationToken).ConfigureAwait(false);
        var proposed = sids is null ? null : PolicyMerge.Remove(current, sids);
        return ResourceChange.ForPolicy(CrossAccountResource.ModelGroupPolicy, AccountOf(arn), arn, place, current, proposed);
    }

    /// <summary>The group's ARN (which the statements' resources are built from).</summary>
    public async Task<string> GetGroupArnAsync(string groupName, CancellationToken cancellationToken) =>
        (await _client.DescribeModelPackageGroupAsync(groupName, cancellationToken).ConfigureAwait(false)).Arn;

    private async Task<(IResourcePolicy Place, string Arn, PolicyDocument? Current)> ReadAsync(string groupName, CancellationToken cancellationToken)
    {
        var arn = await GetGroupArnAsync(groupName, cancellationToken).ConfigureAwait(false);
        var place = new ModelGroupPolicy(_client, groupName);
        return (place, arn, await place.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string AccountOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 4 ? parts[4] : string.Empty;
    }
}
