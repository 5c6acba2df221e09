using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Resources;

/// <summary>One KMS grant as ListGrants reports it (the parts a cross-account set-up cares about).</summary>
public sealed class KmsGrantEntry
{
    public KmsGrantEntry(string grantId, string? name, string granteePrincipal, IEnumerable<string> operations)
    {
        GrantId = grantId;
        Name = name;
        GranteePrincipal = granteePrincipal;
        Operations = operations.OrderBy(operation => operation, StringComparer.Ordinal).ToArray();
    }

    public string GrantId { get; }

    public string? Name { get; }

    public string GranteePrincipal { get; }

    public IReadOnlyList<string> Operations { get; }

    /// <summary>Same grantee and exactly the same operations, in any order.</summary>
    public bool Grants(string granteePrincipal, IEnumerable<string> operations) =>
        GranteePrincipal == granteePrincipal && Operations.SequenceEqual(operations.Distinct().OrderBy(o => o, StringComparer.Ordinal));

    /// <summary>Indented JSON, the form plans show grants in.</summary>
    public string ToJson(bool withId = true)
    {
        var json = new JsonObject();
        if (withId)
        {
            json["GrantId"] = GrantId;
        }

        json["Name"] = Name;
        json["GranteePrincipal"] = GranteePrincipal;
        json["Operations"] = new JsonArray(Operations.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray());
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
