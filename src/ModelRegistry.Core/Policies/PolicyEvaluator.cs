using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// Evaluates a resource policy for one request as IAM does: an explicit Deny wins, otherwise a matching Allow
/// allows, otherwise the policy does not apply. A statement whose Condition the local registry cannot evaluate
/// never grants, and still denies if it is a Deny, and the reason says which operator was not understood.
/// </summary>
public static class PolicyEvaluator
{
    public static PolicyEvaluation Evaluate(PolicyDocument policy, AccessRequest request)
    {
        if (policy is null)
        {
            throw new ArgumentNullException(nameof(policy));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var context = BuildContext(request);
        PolicyEvaluation? allow = null;
        var skipped = new List<string>();
        for (var index = 0; index < policy.Statements.Count; index++)
        {
            var statement = policy.Statements[index];
            if (!AppliesTo(statement, request))
            {
                continue;
            }

            var outcome = ConditionEvaluator.Evaluate(statement.Conditions, context, out var unsupported);
            var name = Describe(statement, index);
            if (statement.Effect == PolicyEffect.Deny)
            {
                if (outcome == ConditionOutcome.Met)
                {
                    return new PolicyEvaluation(PolicyDecision.ExplicitDeny,
                        $"{name} explicitly denies {request.Action} on {request.Resource} to {request.PrincipalArn}.");
                }

                if (outcome == ConditionOutcome.Unsupported)
                {
                    var why = $"{name} denies {request.Action} on {request.Resource}: {unsupported}, so the Deny is applied.";
                    return new PolicyEvaluation(PolicyDecision.ExplicitDeny, why, new[] { why });
                }
            }
            else if (outcome == ConditionOutcome.Met)
            {
                allow ??= new PolicyEvaluation(PolicyDecision.Allow, $"{name} allows {request.Action} on {request.Resource} to {request.PrincipalArn}.");
            }
            else if (outcome == ConditionOutcome.Unsupported)
            {
                skipped.Add($"{name} does not grant access: {unsupported}.");
            }
        }

        if (allow != null)
        {
            return allow;
        }

        var reason = $"No statement allows {request.Action} on {request.Resource} to {request.PrincipalArn}.";
        return new PolicyEvaluation(PolicyDecision.NotApplicable, skipped.Count == 0 ? reason : reason + " " + string.Join(" ", skipped), skipped);
    }

    private static bool AppliesTo(PolicyStatement statement, AccessRequest request)
    {
        if (statement.Principal != null && !PrincipalMatcher.Matches(statement.Principal, request))
        {
            return false;
        }

        if (statement.NotPrincipal != null && PrincipalMatcher.Matches(statement.NotPrincipal, request))
        {
            return false;
        }

        // Action names are case-insensitive in IAM; resource ARNs are not.
        var actionMatches = statement.Actions != null
            ? statement.Actions.Any(pattern => WildcardPattern.IsMatch(pattern, request.Action, ignoreCase: true))
            : !statement.NotActions!.Any(pattern => WildcardPattern.IsMatch(pattern, request.Action, ignoreCase: true));
        if (!actionMatches)
        {
            return false;
        }

        if (statement.Resources != null)
        {
            return statement.Resources.Any(pattern => WildcardPattern.IsMatch(pattern, request.Resource, ignoreCase: false));
        }

        if (statement.NotResources != null)
        {
            return !statement.NotResources.Any(pattern => WildcardPattern.IsMatch(pattern, request.Resource, ignoreCase: false));
        }

        // A resource policy without Resource applies to the resource it is attached to (as ECR allows).
        return true;
    }

    private static IReadOnlyDictionary<string, string> BuildContext(AccessRequest request)
    {
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalAccount"] = request.PrincipalAccountId,
            ["aws:PrincipalArn"] = request.PrincipalArn,
        };
        foreach (var entry in request.Context)
        {
            context[entry.Key] = entry.Value;
        }

        return context;
    }

    private static string Describe(PolicyStatement statement, int index)
        => statement.Sid is null ? $"Statement[{index}]" : $"Statement '{statement.Sid}'";
}
