using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// Which principal identifiers AWS accepts in a resource policy: for <c>AWS</c>, <c>"*"</c>, a 12-digit account id,
/// an IAM root, user or role ARN, an STS assumed-role or federated-user ARN, or an IAM unique id; for
/// <c>Service</c>, a service principal such as <c>sagemaker.amazonaws.com</c>; for <c>Federated</c>, an identity
/// provider domain or a SAML/OIDC provider ARN; for <c>CanonicalUser</c>, 64 hex digits. AWS refuses a policy
/// with any other identifier (MalformedPolicy, "Invalid principal in policy").
/// </summary>
public static class PrincipalIdentifierRules
{
    private const string Partition = @"arn:aws(?:-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?";

    // IAM names: letters, digits and +=,.@_- ; paths are /-separated segments of printable ASCII.
    private static readonly Regex AwsPrincipal = new Regex(
        "^(?:[0-9]{12}"
        + $"|{Partition}:iam::[0-9]{{12}}:(?:root|(?:user|role)/(?:[\\x21-\\x7E]+/)?[\\w+=,.@-]{{1,128}})"
        + $"|{Partition}:sts::[0-9]{{12}}:(?:assumed-role/[\\w+=,.@-]{{1,64}}/[\\w+=,.@-]{{2,64}}|federated-user/[\\w+=,.@-]{{2,32}})"
        + "|A(?:IDA|ROA)[A-Z0-9]{16,128})$",
        RegexOptions.CultureInvariant);

    private static readonly Regex ServicePrincipal = new Regex(
        @"^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$|^[a-z0-9][a-z0-9.-]*\.(?:amazon\.com|aws\.internal)$", RegexOptions.CultureInvariant);

    private static readonly Regex FederatedPrincipal = new Regex(
        $@"^(?:{Partition}:iam::[0-9]{{12}}:(?:saml-provider|oidc-provider)/[\x21-\x7E]+|[a-z0-9][a-z0-9.-]*\.[a-z]{{2,}}(?:/[\x21-\x7E]*)?)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex CanonicalUserPrincipal = new Regex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant);

    /// <summary>Why <paramref name="identifier"/> is not an AWS principal (account id, ARN or <c>*</c>); null when it is one.</summary>
    public static string? AwsProblem(string identifier) =>
        identifier == "*" || AwsPrincipal.IsMatch(identifier)
            ? null
            : "is not an AWS principal: use a 12-digit account id, arn:aws:iam::<account>:root, an IAM user or role ARN, an STS assumed-role ARN, or \"*\".";

    /// <summary>Every identifier of <paramref name="document"/>'s Principal and NotPrincipal elements that AWS would refuse.</summary>
    public static IReadOnlyList<InvalidPrincipal> FindInvalid(PolicyDocument document)
    {
        var invalid = new List<InvalidPrincipal>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            Check(statement.Principal, $"Statement[{i}].Principal", invalid);
            Check(statement.NotPrincipal, $"Statement[{i}].NotPrincipal", invalid);
        }

        return invalid;
    }

    /// <exception cref="PolicyFormatException">The first identifier AWS would refuse, naming where it is.</exception>
    public static void EnsureValid(PolicyDocument document)
    {
        var invalid = FindInvalid(document);
        if (invalid.Count > 0)
        {
            throw PolicyFormatException.At(invalid[0].ElementPath, $"'{invalid[0].Identifier}' {invalid[0].Reason}");
        }
    }

    private static void Check(PolicyPrincipal? principal, string path, List<InvalidPrincipal> invalid)
    {
        if (principal is null || principal.IsAnyone)
        {
            return;
        }

        Check(principal.Aws, path + ".AWS", AwsProblem, invalid);
        Check(principal.Service, path + ".Service", ServiceProblem, invalid);
        Check(principal.Federated, path + ".Federated", FederatedProblem, invalid);
        Check(principal.CanonicalUser, path + ".CanonicalUser", CanonicalUserProblem, invalid);
    }

    private static void Check(PolicyValueList? identifiers, string path, System.Func<string, string?> problemOf, List<InvalidPrincipal> invalid)
    {
        if (identifiers is null)
        {
            return;
        }

        for (var i = 0; i < identifiers.Count; i++)
        {
            if (problemOf(identifiers[i]) is string problem)
            {
                invalid.Add(new InvalidPrincipal(identifiers.IsWrittenAsSingleString ? path : $"{path}[{i}]", identifiers[i], problem));
            }
        }
    }

    /// <summary>Why <paramref name="identifier"/> is not a service principal; null when it is one.</summary>
    public static string? ServiceProblem(string identifier) =>
        ServicePrincipal.IsMatch(identifier) ? null : "is not a service principal such as sagemaker.amazonaws.com.";

    private static string? FederatedProblem(string identifier) =>
        FederatedPrincipal.IsMatch(identifier) ? null : "is not an identity provider: use a provider domain or an IAM SAML or OIDC provider ARN.";

    private static string? CanonicalUserProblem(string identifier) =>
        CanonicalUserPrincipal.IsMatch(identifier) ? null : "is not a canonical user id (64 hexadecimal digits).";
}
