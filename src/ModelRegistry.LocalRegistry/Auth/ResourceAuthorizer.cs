using ModelRegistry.Core.Policies;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The resource-policy rule every emulated service applies: an explicit Deny denies, an
/// Allow allows, and otherwise only callers of the resource's own account get through (the local
/// registry has no IAM identity policies, so an account's principals may do anything in it).</summary>
public sealed class ResourceAuthorizer
{
    /// <summary>Throws AccessDenied (S3, STS) or AccessDeniedException (JSON services) unless allowed.</summary>
    public void Authorize(Caller caller, string resourceAccountId, string action, string resourceArn, string? policyJson)
    {
        var evaluation = Evaluate(caller, action, resourceArn, policyJson);
        if (IsAllowed(caller, resourceAccountId, evaluation))
        {
            return;
        }

        // AWS understands every condition; the local registry says when it denied for want of understanding one.
        var unsupported = evaluation is { UnsupportedConditions.Count: > 0 } ? " " + string.Join(" ", evaluation.UnsupportedConditions) : "";
        if (action.StartsWith("s3:", StringComparison.Ordinal))
        {
            throw new AwsServiceError("AccessDenied", unsupported.Length == 0 ? "Access Denied" : "Access Denied." + unsupported, 403);
        }

        var because = evaluation?.Decision == PolicyDecision.ExplicitDeny
            ? "with an explicit deny in a resource-based policy"
            : $"because no resource-based policy allows the {action} action";
        var code = action.StartsWith("sts:", StringComparison.Ordinal) ? "AccessDenied" : "AccessDeniedException";
        throw new AwsServiceError(code, $"User: {caller.Arn} is not authorized to perform: {action} on resource: {resourceArn} {because}{unsupported}",
            code == "AccessDenied" ? 403 : 400);
    }

    public bool IsAllowed(Caller caller, string resourceAccountId, string action, string resourceArn, string? policyJson) =>
        IsAllowed(caller, resourceAccountId, Evaluate(caller, action, resourceArn, policyJson));

    private static bool IsAllowed(Caller caller, string resourceAccountId, PolicyEvaluation? evaluation) =>
        evaluation?.Decision switch
        {
            PolicyDecision.ExplicitDeny => false,
            PolicyDecision.Allow => true,
            _ => caller.AccountId == resourceAccountId,
        };

    /// <summary>Null without a policy. Stored policies were validated when put, so they parse.</summary>
    private static PolicyEvaluation? Evaluate(Caller caller, string action, string resourceArn, string? policyJson) =>
        policyJson is null
            ? null
            : PolicyEvaluator.Evaluate(PolicyDocument.Parse(policyJson), new AccessRequest(caller.AccountId, caller.Arn, action, resourceArn));
}
