using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// A text form in which semantically equal policies are identical: sets sorted, action names lower-cased,
/// account root ARNs reduced to the account id, condition keys lower-cased (IAM treats them case-insensitively).
/// </summary>
internal static class PolicyCanonicalForm
{
    private static readonly Regex AccountRootArn = new Regex(@"^arn:[a-z0-9-]+:iam::(\d{12}):root$", RegexOptions.CultureInvariant);

    internal static string Of(PolicyDocument document)
    {
        var canonical = new JsonObject
        {
            ["Version"] = document.Version,
            ["Id"] = document.Id,
            ["Statement"] = SortedArray(document.Statements.Select(Of)),
            ["Additional"] = Additional(document.AdditionalMembersAsJson()),
        };
        return canonical.ToJsonString();
    }

    internal static string Of(PolicyStatement statement)
    {
        var canonical = new JsonObject
        {
            ["Sid"] = statement.Sid,
            ["Effect"] = statement.Effect.ToString(),
            ["Principal"] = Principal(statement.Principal),
            ["NotPrincipal"] = Principal(statement.NotPrincipal),
            ["Action"] = Set(statement.Actions, value => value.ToLowerInvariant()),
            ["NotAction"] = Set(statement.NotActions, value => value.ToLowerInvariant()),
            ["Resource"] = Set(statement.Resources, value => value),
            ["NotResource"] = Set(statement.NotResources, value => value),
            ["Condition"] = SortedArray(statement.Conditions.Select(Condition)),
            ["Additional"] = Additional(statement.AdditionalMembersAsJson()),
        };
        return canonical.ToJsonString();
    }

    /// <summary>An account's root ARN and its bare id name the same principal.</summary>
    internal static string NormalizeAwsPrincipal(string identifier)
    {
        var match = AccountRootArn.Match(identifier);
        return match.Success ? match.Groups[1].Value : identifier;
    }

    private static JsonNode? Principal(PolicyPrincipal? principal)
    {
        if (principal is null)
        {
            return null;
        }

        if (principal.IsAnyone)
        {
            return "*";
        }

        return new JsonObject
        {
            ["AWS"] = Set(principal.Aws, NormalizeAwsPrincipal),
            ["Service"] = Set(principal.Service, value => value),
            ["Federated"] = Set(principal.Federated, value => value),
            ["CanonicalUser"] = Set(principal.CanonicalUser, value => value),
        };
    }

    private static string Condition(PolicyCondition condition)
    {
        var values = condition.Values.Distinct(StringComparer.Ordinal).OrderBy(value => value, StringComparer.Ordinal);
        return new JsonArray(
            condition.Operator,
            condition.Key.ToLowerInvariant(),
            SortedArray(values)).ToJsonString();
    }

    private static JsonArray? Set(IEnumerable<string>? values, Func<string, string> normalize)
        => values is null ? null : SortedArray(values.Select(normalize).Distinct(StringComparer.Ordinal));

    private static JsonArray SortedArray(IEnumerable<string> values)
        => new JsonArray(values.OrderBy(value => value, StringComparer.Ordinal).Select(value => (JsonNode?)value).ToArray());

    private static JsonObject Additional(IEnumerable<KeyValuePair<string, string>> members)
    {
        var additional = new JsonObject();
        foreach (var member in members.OrderBy(member => member.Key, StringComparer.Ordinal))
        {
            additional[member.Key] = member.Value;
        }

        return additional;
    }
}
