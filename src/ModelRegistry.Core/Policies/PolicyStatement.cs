using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>One immutable statement of an IAM policy document, including members this model does not know.</summary>
public sealed class PolicyStatement
{
    private static readonly string[] KnownMembers =
    {
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    };

    // Members IAM may add later (or a service tolerates) are kept in document order and rendered last.
    private readonly IReadOnlyList<KeyValuePair<string, JsonNode?>> additionalMembers;

    /// <summary>
    /// Builds a statement. Exactly one of <paramref name="actions"/> and <paramref name="notActions"/> is required;
    /// Principal/NotPrincipal and Resource/NotResource are each optional but exclusive.
    /// </summary>
    public PolicyStatement(
        PolicyEffect effect,
        string? sid = null,
        PolicyPrincipal? principal = null,
        PolicyPrincipal? notPrincipal = null,
        IEnumerable<string>? actions = null,
        IEnumerable<string>? notActions = null,
        IEnumerable<string>? resources = null,
        IEnumerable<string>? notResources = null,
        IEnumerable<PolicyCondition>? conditions = null)
        : this(
            sid,
            effect,
            principal,
            notPrincipal,
            actions is null ? null : new PolicyValueList(actions),
            notActions is null ? null : new PolicyValueList(notActions),
            resources is null ? null : new PolicyValueList(resources),
            notResources is null ? null : new PolicyValueList(notResources),
            conditions?.ToArray() ?? Array.Empty<PolicyCondition>(),
            Array.Empty<KeyValuePair<string, JsonNode?>>())
    {
        if (sid != null && sid.Length == 0)
        {
            throw new ArgumentException("A Sid must not be empty; pass null for a statement without Sid.", nameof(sid));
        }

        var error = FindExclusivityError(Principal, NotPrincipal, Actions, NotActions, Resources, NotResources);
        if (error != null)
        {
            throw new ArgumentException($"Statement {error}");
        }

        var duplicate = Conditions
            .GroupBy(condition => (condition.Operator, condition.Key))
            .FirstOrDefault(group => group.Count() > 1);
        if (duplicate != null)
        {
            throw new ArgumentException($"Condition {duplicate.Key.Operator} names key '{duplicate.Key.Key}' more than once.", nameof(conditions));
        }
    }

    private PolicyStatement(
        string? sid,
        PolicyEffect effect,
        PolicyPrincipal? principal,
        PolicyPrincipal? notPrincipal,
        PolicyValueList? actions,
        PolicyValueList? notActions,
        PolicyValueList? resources,
        PolicyValueList? notResources,
        IReadOnlyList<PolicyCondition> conditions,
        IReadOnlyList<KeyValuePair<string, JsonNode?>> additionalMembers)
    {
        Sid = sid;
        Effect = effect;
        Principal = principal;
        NotPrincipal = notPrincipal;
        Actions = actions;
        NotActions = notActions;
        Resources = resources;
        NotResources = notResources;
        Conditions = conditions;
        this.additionalMembers = additionalMembers;
    }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    public PolicyPrincipal? Principal { get; }

    public PolicyPrincipal? NotPrincipal { get; }

    public PolicyValueList? Actions { get; }

    public PolicyValueList? NotActions { get; }

    public PolicyValueList? Resources { get; }

    public PolicyValueList? NotResources { get; }

    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>Names of members this model does not interpret; they are preserved on render.</summary>
    public IEnumerable<string> AdditionalMemberNames => additionalMembers.Select(member => member.Key);

    /// <summary>Parses one statement object, e.g. a statement a user passes on the command line.</summary>
    public static PolicyStatement Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        return FromJson(PolicyDocument.ParseJson(json, "Statement"), "Statement");
    }

    /// <summary>True when both statements grant or deny the same thing (see <see cref="PolicyDocument.SemanticallyEquals"/>).</summary>
    public static bool SemanticallyEquals(PolicyStatement first, PolicyStatement second)
        => PolicyCanonicalForm.Of(first) == PolicyCanonicalForm.Of(second);

    /// <summary>The statement as compact (or indented) JSON with the stable member order.</summary>
    public string ToJson(bool indented = false) => PolicyJson.Serialize(ToJsonObject(), indented);

    public override string ToString() => ToJson();

    internal static PolicyStatement FromJson(JsonNode? node, string path)
    {
        if (!(node is JsonObject statement))
        {
            throw PolicyFormatException.At(path, "must be an object.");
        }

        string? sid = null;
        if (statement.TryGetPropertyValue("Sid", out var sidNode))
        {
            sid = PolicyJson.ReadString(sidNode, $"{path}.Sid");
        }

        var effect = ReadEffect(statement, path);
        var principal = ReadOptional(statement, "Principal", path, PolicyPrincipal.Parse);
        var notPrincipal = ReadOptional(statement, "NotPrincipal", path, PolicyPrincipal.Parse);
        var actions = ReadOptional(statement, "Action", path, PolicyJson.ReadStringOrList);
        var notActions = ReadOptional(statement, "NotAction", path, PolicyJson.ReadStringOrList);
        var resources = ReadOptional(statement, "Resource", path, PolicyJson.ReadStringOrList);
        var notResources = ReadOptional(statement, "NotResource", path, PolicyJson.ReadStringOrList);
        var conditions = ReadOptional(statement, "Condition", path, PolicyCondition.ParseBlock) ?? Array.Empty<PolicyCondition>();

        var error = FindExclusivityError(principal, notPrincipal, actions, notActions, resources, notResources);
        if (error != null)
        {
            throw PolicyFormatException.At(path, error);
        }

        ValidateActionNames(actions, $"{path}.Action");
        ValidateActionNames(notActions, $"{path}.NotAction");

        var additional = statement
            .Where(member => Array.IndexOf(KnownMembers, member.Key) < 0)
            .Select(member => new KeyValuePair<string, JsonNode?>(member.Key, member.Value?.DeepClone()))
            .ToArray();

        return new PolicyStatement(sid, effect, principal, notPrincipal, actions, notActions, resources, notResources, conditions, additional);
    }

    internal JsonObject ToJsonObject()
    {
        var statement = new JsonObject();
        if (Sid != null)
        {
            statement["Sid"] = Sid;
        }

        statement["Effect"] = Effect.ToString();
        AddIfPresent(statement, "Principal", Principal?.ToJsonNode());
        AddIfPresent(statement, "NotPrincipal", NotPrincipal?.ToJsonNode());
        AddIfPresent(statement, "Action", Actions?.ToJsonNode());
        AddIfPresent(statement, "NotAction", NotActions?.ToJsonNode());
        AddIfPresent(statement, "Resource", Resources?.ToJsonNode());
        AddIfPresent(statement, "NotResource", NotResources?.ToJsonNode());
        if (Conditions.Count > 0)
        {
            statement["Condition"] = PolicyCondition.RenderBlock(Conditions);
        }

        foreach (var member in additionalMembers)
        {
            statement[member.Key] = member.Value?.DeepClone();
        }

        return statement;
    }

    internal IEnumerable<KeyValuePair<string, string>> AdditionalMembersAsJson()
        => additionalMembers.Select(member => new KeyValuePair<string, string>(
            member.Key,
            member.Value is null ? "null" : PolicyJson.Serialize(member.Value, indented: false)));

    private static PolicyEffect ReadEffect(JsonObject statement, string path)
    {
        if (!statement.TryGetPropertyValue("Effect", out var effectNode))
        {
            throw PolicyFormatException.At($"{path}.Effect", "is required and must be 'Allow' or 'Deny'.");
        }

        // IAM is case-sensitive here: "allow" is rejected by every service.
        var effect = PolicyJson.IsString(effectNode) ? effectNode!.GetValue<string>() : null;
        switch (effect)
        {
            case "Allow":
                return PolicyEffect.Allow;
            case "Deny":
                return PolicyEffect.Deny;
            default:
                var written = effectNode is null ? "null" : effectNode.ToJsonString();
                throw PolicyFormatException.At($"{path}.Effect", $"must be 'Allow' or 'Deny' (found {written}).");
        }
    }

    private static T? ReadOptional<T>(JsonObject statement, string member, string path, Func<JsonNode?, string, T> read)
        where T : class
        => statement.TryGetPropertyValue(member, out var node) ? read(node, $"{path}.{member}") : null;

    private static string? FindExclusivityError(
        PolicyPrincipal? principal,
        PolicyPrincipal? notPrincipal,
        PolicyValueList? actions,
        PolicyValueList? notActions,
        PolicyValueList? resources,
        PolicyValueList? notResources)
    {
        if (principal != null && notPrincipal != null)
        {
            return "must not have both Principal and NotPrincipal.";
        }

        if (actions != null && notActions != null)
        {
            return "must not have both Action and NotAction.";
        }

        if (actions is null && notActions is null)
        {
            return "must have an Action or a NotAction.";
        }

        if (resources != null && notResources != null)
        {
            return "must not have both Resource and NotResource.";
        }

        return null;
    }

    private static void ValidateActionNames(PolicyValueList? actions, string path)
    {
        if (actions is null)
        {
            return;
        }

        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var colon = action.IndexOf(':');
            if (action != "*" && (colon <= 0 || colon == action.Length - 1))
            {
                var elementPath = actions.IsWrittenAsSingleString ? path : $"{path}[{i}]";
                throw PolicyFormatException.At(elementPath,
                    $"'{action}' must be \"*\" or 'service:ActionName' (for example 'sagemaker:DescribeModelPackage').");
            }
        }
    }

    private static void AddIfPresent(JsonObject statement, string member, JsonNode? value)
    {
        if (value != null)
        {
            statement[member] = value;
        }
    }
}
