using System;

namespace ModelRegistry.Core.Policies;

/// <summary>Whether a Principal element names the caller of an <see cref="AccessRequest"/>.</summary>
internal static class PrincipalMatcher
{
    internal static bool Matches(PolicyPrincipal principal, AccessRequest request)
    {
        if (principal.IsAnyone)
        {
            return true;
        }

        return Any(principal.Aws, identifier => AwsIdentifierMatches(identifier, request))
            || Any(principal.Service, identifier => identifier == request.PrincipalArn)
            || Any(principal.Federated, identifier => identifier == request.PrincipalArn)
            || Any(principal.CanonicalUser, identifier => identifier == request.PrincipalArn);
    }

    private static bool AwsIdentifierMatches(string identifier, AccessRequest request)
    {
        if (identifier == "*")
        {
            return true;
        }

        // An account id or its root ARN grants the whole account (its IAM policies then decide).
        var normalized = PolicyCanonicalForm.NormalizeAwsPrincipal(identifier);
        if (normalized != identifier || IsAccountId(identifier))
        {
            return normalized == request.PrincipalAccountId;
        }

        return identifier == request.PrincipalArn || IsSessionOfRole(request.PrincipalArn, identifier);
    }

    /// <summary>
    /// A policy naming <c>arn:aws:iam::ACCOUNT:role/path/Name</c> covers sessions
    /// <c>arn:aws:sts::ACCOUNT:assumed-role/Name/session</c>, as in AWS.
    /// </summary>
    private static bool IsSessionOfRole(string callerArn, string roleArn)
    {
        var caller = callerArn.Split(new[] { ':' }, 6);
        var role = roleArn.Split(new[] { ':' }, 6);
        if (caller.Length != 6 || role.Length != 6 || caller[2] != "sts" || role[2] != "iam" || caller[1] != role[1] || caller[4] != role[4])
        {
            return false;
        }

        const string AssumedRolePrefix = "assumed-role/";
        const string RolePrefix = "role/";
        if (!caller[5].StartsWith(AssumedRolePrefix, StringComparison.Ordinal) || !role[5].StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var sessionRoleName = caller[5].Substring(AssumedRolePrefix.Length).Split('/')[0];
        var roleName = role[5].Substring(role[5].LastIndexOf('/') + 1);
        return sessionRoleName.Length > 0 && sessionRoleName == roleName;
    }

    private static bool IsAccountId(string identifier)
    {
        if (identifier.Length != 12)
        {
            return false;
        }

        foreach (var character in identifier)
        {
            if (character < '0' || character > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool Any(PolicyValueList? identifiers, Func<string, bool> matches)
    {
        if (identifiers is null)
        {
            return false;
        }

        foreach (var identifier in identifiers)
        {
            if (matches(identifier))
            {
                return true;
            }
        }

        return false;
    }
}
