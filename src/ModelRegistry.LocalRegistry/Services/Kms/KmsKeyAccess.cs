using System.Text.RegularExpressions;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>Finds the key a <c>KeyId</c> names and decides whether the caller may use it: a grant
/// to the caller, or the key policy (an account may use its own keys unless the policy denies).</summary>
public sealed class KmsKeyAccess
{
    private static readonly Regex KeyArnPattern = new(
        "^arn:aws:kms:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):key/(?<id>[0-9a-fA-F-]{36})$", RegexOptions.CultureInvariant);
    private static readonly Regex KeyIdPattern = new("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        RegexOptions.CultureInvariant);
    private static readonly Regex AliasArnPattern = new("^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:alias/.+$", RegexOptions.CultureInvariant);

    private readonly KmsDocuments _keys;
    private readonly ResourceAuthorizer _authorizer;

    public KmsKeyAccess(KmsDocuments keys, ResourceAuthorizer authorizer)
    {
        _keys = keys;
        _authorizer = authorizer;
    }

    /// <summary>A key id names a key of the caller's account; other accounts' keys need the key ARN.
    /// Aliases are recognised but the local registry has none (CreateAlias is not emulated).</summary>
    public KmsKey Find(AwsCall call, string keyId)
    {
        var (accountId, region, id) = KeyArnPattern.Match(keyId) is { Success: true } arn
            ? (arn.Groups["account"].Value, arn.Groups["region"].Value, arn.Groups["id"].Value.ToLowerInvariant())
            : KeyIdPattern.IsMatch(keyId)
                ? (call.Caller.AccountId, call.Region, keyId.ToLowerInvariant())
                : throw UnresolvableKeyId(call, keyId);
        return _keys.Find(accountId, region, id)
            ?? throw new AwsServiceError("NotFoundException", $"Key '{KeyArn(region, accountId, id)}' does not exist");
    }

    public void Authorize(Caller caller, KmsKey key, string operation)
    {
        if (!key.Grants.Any(g => g.Operations.Contains(operation) && PrincipalMatches(caller, g.GranteePrincipal)))
        {
            _authorizer.Authorize(caller, key.AccountId, "kms:" + operation, key.Arn, key.Policy);
        }
    }

    /// <summary>Whether a grant's principal (a role, user or account ARN, or an account id) covers the
    /// caller; an assumed-role session acts as its role.</summary>
    public static bool PrincipalMatches(Caller caller, string? principal)
    {
        if (principal is null)
        {
            return false;
        }

        if (principal == caller.Arn || principal == caller.AccountId || principal == $"arn:aws:iam::{caller.AccountId}:root")
        {
            return true;
        }

        var sessionPrefix = $"arn:aws:sts::{caller.AccountId}:assumed-role/";
        if (!caller.Arn.StartsWith(sessionPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var roleName = caller.Arn[sessionPrefix.Length..].Split('/')[0];
        var rolePrefix = $"arn:aws:iam::{caller.AccountId}:role/";
        return principal.StartsWith(rolePrefix, StringComparison.Ordinal) && principal.Split('/')[^1] == roleName;
    }

    private static string KeyArn(string region, string accountId, string keyId) => $"arn:aws:kms:{region}:{accountId}:key/{keyId}";

    private static AwsServiceError UnresolvableKeyId(AwsCall call, string keyId)
    {
        if (keyId.StartsWith("alias/", StringComparison.Ordinal))
        {
            return new AwsServiceError("NotFoundException", $"Alias arn:aws:kms:{call.Region}:{call.Caller.AccountId}:{keyId} is not found.");
        }

        if (AliasArnPattern.IsMatch(keyId))
        {
            return new AwsServiceError("NotFoundException", $"Alias {keyId} is not found.");
        }

        return keyId.StartsWith("arn:", StringComparison.Ordinal)
            ? new AwsServiceError("InvalidArnException", $"Invalid arn {keyId}")
            : new AwsServiceError("NotFoundException", $"Invalid keyId '{keyId}'");
    }
}
