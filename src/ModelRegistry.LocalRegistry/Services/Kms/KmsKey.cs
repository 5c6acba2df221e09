using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>A grant on a key, kept inside its key's document.</summary>
public sealed record KmsGrant(
    string GrantId,
    string GrantToken,
    string? Name,
    string GranteePrincipal,
    string? RetiringPrincipal,
    IReadOnlyList<string> Operations,
    string? ConstraintsJson,
    DateTimeOffset CreationDate);

/// <summary>A KMS key as stored (collection "kms-keys", scope "account/region", key = key id).</summary>
public sealed record KmsKey(
    string KeyId,
    string AccountId,
    string Region,
    DateTimeOffset CreationDate,
    string Description,
    string KeyUsage,
    string KeySpec,
    string Policy,
    IReadOnlyList<KmsGrant> Grants)
{
    public string Arn => $"arn:aws:kms:{Region}:{AccountId}:key/{KeyId}";

    /// <summary>The policy AWS gives a key created without one, byte for byte as GetKeyPolicy returns it.</summary>
    public static string DefaultPolicy(string accountId) =>
        "{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n" +
        "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n" +
        $"    \"Principal\" : {{\n      \"AWS\" : \"arn:aws:iam::{accountId}:root\"\n    }},\n" +
        "    \"Action\" : \"kms:*\",\n    \"Resource\" : \"*\"\n  } ]\n}";

    /// <summary>The <c>KeyMetadata</c> shape of the KMS API.</summary>
    public JsonObject ToKeyMetadata()
    {
        var metadata = new JsonObject
        {
            ["AWSAccountId"] = AccountId,
            ["KeyId"] = KeyId,
            ["Arn"] = Arn,
            ["CreationDate"] = CreationDate.ToUnixTimeMilliseconds() / 1000.0,
            ["Enabled"] = true,
            ["Description"] = Description,
            ["KeyUsage"] = KeyUsage,
            ["KeyState"] = "Enabled",
            ["Origin"] = "AWS_KMS",
            ["KeyManager"] = "CUSTOMER",
            ["CustomerMasterKeySpec"] = KeySpec,
            ["KeySpec"] = KeySpec,
            ["MultiRegion"] = false,
        };
        if (KeySpec == "SYMMETRIC_DEFAULT")
        {
            metadata["EncryptionAlgorithms"] = new JsonArray("SYMMETRIC_DEFAULT");
        }

        return metadata;
    }

    /// <summary>The <c>GrantListEntry</c> shape of ListGrants.</summary>
    public JsonObject ToGrantListEntry(KmsGrant grant)
    {
        var entry = new JsonObject
        {
            ["KeyId"] = Arn,
            ["GrantId"] = grant.GrantId,
            ["CreationDate"] = grant.CreationDate.ToUnixTimeMilliseconds() / 1000.0,
            ["GranteePrincipal"] = grant.GranteePrincipal,
            ["IssuingAccount"] = $"arn:aws:iam::{AccountId}:root",
            ["Operations"] = new JsonArray(grant.Operations.Select(o => (JsonNode)o).ToArray()),
        };
        if (grant.Name is not null)
        {
            entry["Name"] = grant.Name;
        }

        if (grant.RetiringPrincipal is not null)
        {
            entry["RetiringPrincipal"] = grant.RetiringPrincipal;
        }

        if (grant.ConstraintsJson is not null)
        {
            entry["Constraints"] = JsonNode.Parse(grant.ConstraintsJson);
        }

        return entry;
    }
}
