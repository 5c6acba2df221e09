using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// A <c>Principal</c> or <c>NotPrincipal</c> element: either the bare string <c>"*"</c> or an object
/// mapping <c>AWS</c>, <c>Service</c>, <c>Federated</c> and <c>CanonicalUser</c> to identifiers.
/// </summary>
public sealed class PolicyPrincipal
{
    private const string AwsMember = "AWS";
    private const string ServiceMember = "Service";
    private const string FederatedMember = "Federated";
    private const string CanonicalUserMember = "CanonicalUser";

    private PolicyPrincipal(bool isAnyone, PolicyValueList? aws, PolicyValueList? service, PolicyValueList? federated, PolicyValueList? canonicalUser)
    {
        IsAnyone = isAnyone;
        Aws = aws;
        Service = service;
        Federated = federated;
        CanonicalUser = canonicalUser;
    }

    /// <summary>An object principal; at least one identifier list must be given.</summary>
    public PolicyPrincipal(
        IEnumerable<string>? aws = null,
        IEnumerable<string>? service = null,
        IEnumerable<string>? federated = null,
        IEnumerable<string>? canonicalUser = null)
        : this(false, ToList(aws), ToList(service), ToList(federated), ToList(canonicalUser))
    {
        if (Aws is null && Service is null && Federated is null && CanonicalUser is null)
        {
            throw new ArgumentException("A principal needs at least one AWS, Service, Federated or CanonicalUser identifier.");
        }
    }

    /// <summary>The bare <c>"*"</c> principal: everyone, including anonymous callers.</summary>
    public static PolicyPrincipal Anyone { get; } = new PolicyPrincipal(true, null, null, null, null);

    /// <summary>True for the bare string form <c>"*"</c>.</summary>
    public bool IsAnyone { get; }

    public PolicyValueList? Aws { get; }

    public PolicyValueList? Service { get; }

    public PolicyValueList? Federated { get; }

    public PolicyValueList? CanonicalUser { get; }

    /// <summary>An <c>{"AWS": [...]}</c> principal for account ids, account root ARNs or role/user ARNs.</summary>
    public static PolicyPrincipal ForAws(params string[] identifiers) => new PolicyPrincipal(aws: identifiers);

    public override string ToString() => PolicyJson.Serialize(ToJsonNode(), indented: false);

    internal static PolicyPrincipal Parse(JsonNode? node, string path)
    {
        if (PolicyJson.IsString(node))
        {
            if (node!.GetValue<string>() != "*")
            {
                throw PolicyFormatException.At(path, "must be \"*\" or an object with AWS, Service, Federated or CanonicalUser members.");
            }

            return Anyone;
        }

        if (!(node is JsonObject principal))
        {
            throw PolicyFormatException.At(path, "must be \"*\" or an object with AWS, Service, Federated or CanonicalUser members.");
        }

        foreach (var member in principal)
        {
            if (member.Key != AwsMember && member.Key != ServiceMember && member.Key != FederatedMember && member.Key != CanonicalUserMember)
            {
                throw PolicyFormatException.At($"{path}.{member.Key}", "is not a principal type; use AWS, Service, Federated or CanonicalUser.");
            }
        }

        if (principal.Count == 0)
        {
            throw PolicyFormatException.At(path, "must name at least one principal.");
        }

        return new PolicyPrincipal(
            false,
            ReadMember(principal, AwsMember, path),
            ReadMember(principal, ServiceMember, path),
            ReadMember(principal, FederatedMember, path),
            ReadMember(principal, CanonicalUserMember, path));
    }

    internal JsonNode ToJsonNode()
    {
        if (IsAnyone)
        {
            return JsonValue.Create("*")!;
        }

        var principal = new JsonObject();
        AddMember(principal, AwsMember, Aws);
        AddMember(principal, ServiceMember, Service);
        AddMember(principal, FederatedMember, Federated);
        AddMember(principal, CanonicalUserMember, CanonicalUser);
        return principal;
    }

    private static PolicyValueList? ReadMember(JsonObject principal, string member, string path)
        => principal.TryGetPropertyValue(member, out var node) ? PolicyJson.ReadStringOrList(node, $"{path}.{member}") : null;

    private static void AddMember(JsonObject principal, string member, PolicyValueList? values)
    {
        if (values != null)
        {
            principal[member] = values.ToJsonNode();
        }
    }

    private static PolicyValueList? ToList(IEnumerable<string>? values) => values is null ? null : new PolicyValueList(values.ToArray());
}
