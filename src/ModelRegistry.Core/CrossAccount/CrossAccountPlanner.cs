using System;
using System.Collections.Generic;
using System.Linq;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>The pure part of a cross-account set-up: what a policy should become, and what it still lacks.</summary>
internal static class CrossAccountPlanner
{
    /// <summary>From a resource's current policy to the proposed one: our statements merged in by Sid
    /// (granting), or removed by Sid (revoking; a policy left empty is deleted).</summary>
    public static Func<PolicyDocument?, PolicyDocument?> Propose(CrossAccountGrant grant, ResourceKind resource, bool granting)
    {
        var statements = CrossAccountStatements.For(grant, resource);
        return granting
            ? current => PolicyMerge.Merge(current, statements)
            : current => PolicyMerge.Remove(current, statements.Select(statement => statement.Sid!));
    }

    /// <summary>
    /// Every action-on-resource of this set-up's statements that <paramref name="policy"/> does not allow the
    /// other account's root principal, by evaluating it as the service would. Equivalent statements written by
    /// someone else count as much as this module's own.
    /// </summary>
    public static IReadOnlyList<string> MissingPermissions(CrossAccountGrant grant, ResourceKind resource, PolicyDocument? policy)
    {
        var grantee = CrossAccountGrant.SideOf(resource) == AccountSide.Training ? grant.RegistryAccountId : grant.TrainingAccountId;
        var required = CrossAccountStatements.For(grant, resource)
            .SelectMany(statement => statement.Actions!.SelectMany(action => statement.Resources!.Select(arn => (Action: action, Resource: arn))))
            .Where(need => ActsOn(need.Action, need.Resource));
        return required
            .Where(need => policy is null || PolicyEvaluator.Evaluate(policy, new AccessRequest(grantee, CrossAccountGrant.AccountRoot(grantee), need.Action,
                need.Resource)).Decision != PolicyDecision.Allow)
            .Select(need => $"{need.Action} on {need.Resource}")
            .ToArray();
    }

    // A model group statement lists the group and its versions together; each action needs only its own kind.
    private static bool ActsOn(string action, string resource)
    {
        var groupAction = action.IndexOf("ModelPackageGroup", System.StringComparison.OrdinalIgnoreCase) >= 0;
        var arn = RegistryArn.TryParse(resource, out var parsed) ? parsed : null;
        var groupResource = arn?.IsModelGroup == true;
        var versionResource = arn?.ResourceType == RegistryArn.PackageType;
        return (!groupResource || groupAction) && (!versionResource || !groupAction);
    }
}
