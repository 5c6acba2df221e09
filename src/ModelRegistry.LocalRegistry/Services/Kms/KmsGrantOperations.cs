using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.Core.Policies;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>CreateGrant, ListGrants, RetireGrant and RevokeGrant.</summary>
internal sealed class KmsGrantOperations
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 100;

    private readonly KmsDocuments _keys;
    private readonly KmsKeyAccess _access;
    private readonly TimeProvider _time;

    public KmsGrantOperations(KmsDocuments keys, KmsKeyAccess access, TimeProvider time)
    {
        _keys = keys;
        _access = access;
        _time = time;
    }

    public JsonObject CreateGrant(AwsCall call, JsonObject input)
    {
        var key = _access.Find(call, (string)input["KeyId"]!);
        _access.Authorize(call.Caller, key, "CreateGrant");
        var grantee = (string?)input["GranteePrincipal"]
            ?? throw new AwsServiceError("ValidationException",
                "1 validation error detected: Value null at 'granteePrincipal' failed to satisfy constraint: Member must not be null");
        if (grantee == "*" || (PrincipalIdentifierRules.AwsProblem(grantee) is not null && PrincipalIdentifierRules.ServiceProblem(grantee) is not null))
        {
            throw new AwsServiceError("InvalidArnException",
                $"The grantee principal '{grantee}' is not an AWS account, IAM or STS principal ARN, or service principal.");
        }

        var operations = input["Operations"]!.AsArray().Select(o => (string)o!).Distinct().ToList();
        if (operations.Count == 0)
        {
            throw new AwsServiceError("ValidationException",
                "1 validation error detected: Value '[]' at 'operations' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        var name = (string?)input["Name"];
        var retiringPrincipal = (string?)input["RetiringPrincipal"];
        var constraints = input["Constraints"]?.ToJsonString();

        // A repeated CreateGrant with the same name and parameters returns the existing grant, as KMS does.
        var existing = name is null ? null : key.Grants.FirstOrDefault(g => g.Name == name && g.GranteePrincipal == grantee
            && g.RetiringPrincipal == retiringPrincipal && g.ConstraintsJson == constraints && g.Operations.SequenceEqual(operations));
        if (existing is not null)
        {
            return GrantOutput(existing);
        }

        var grantId = LowerHex.Of(RandomNumberGenerator.GetBytes(32));
        var grant = new KmsGrant(grantId, TokenFor(key, grantId), name, grantee, retiringPrincipal, operations, constraints, _time.GetUtcNow());
        _keys.Save(key with { Grants = [.. key.Grants, grant] });
        return GrantOutput(grant);
    }

    public JsonObject ListGrants(AwsCall call, JsonObject input)
    {
        var key = _access.Find(call, (string)input["KeyId"]!);
        _access.Authorize(call.Caller, key, "ListGrants");
        var grants = key.Grants
            .Where(g => (string?)input["GrantId"] is not { } id || g.GrantId == id)
            .Where(g => (string?)input["GranteePrincipal"] is not { } grantee || g.GranteePrincipal == grantee)
            .ToList();
        var start = 0;
        if ((string?)input["Marker"] is { } marker)
        {
            start = grants.FindIndex(g => g.GrantId == marker);
            if (start < 0)
            {
                throw new AwsServiceError("InvalidMarkerException", "The marker that specifies where pagination should next begin is not valid.");
            }
        }

        var limit = Math.Min((int?)input["Limit"]?.GetValue<long>() ?? DefaultListLimit, MaxListLimit);
        var page = grants.Skip(start).Take(limit).ToList();
        var truncated = start + page.Count < grants.Count;
        var output = new JsonObject
        {
            ["Grants"] = new JsonArray(page.Select(g => (JsonNode)key.ToGrantListEntry(g)).ToArray()),
            ["Truncated"] = truncated,
        };
        if (truncated)
        {
            output["NextMarker"] = grants[start + page.Count].GrantId;
        }

        return output;
    }

    /// <summary>Retiring is for the grant's retiring principal, its grantee when the grant allows
    /// RetireGrant, and the key's account.</summary>
    public JsonObject RetireGrant(AwsCall call, JsonObject input)
    {
        var (key, grant) = (string?)input["GrantToken"] is { } token
            ? FindByToken(call, token)
            : FindById(call, input);
        var caller = call.Caller;
        var mayRetire = KmsKeyAccess.PrincipalMatches(caller, grant.RetiringPrincipal)
            || (grant.Operations.Contains("RetireGrant") && KmsKeyAccess.PrincipalMatches(caller, grant.GranteePrincipal))
            || caller.AccountId == key.AccountId;
        if (!mayRetire)
        {
            throw new AwsServiceError("AccessDeniedException",
                $"User: {caller.Arn} is not authorized to perform: kms:RetireGrant on resource: {key.Arn} because the grant does not allow it");
        }

        _keys.Save(key with { Grants = key.Grants.Where(g => g.GrantId != grant.GrantId).ToList() });
        return [];
    }

    public JsonObject RevokeGrant(AwsCall call, JsonObject input)
    {
        var key = _access.Find(call, (string)input["KeyId"]!);
        _access.Authorize(call.Caller, key, "RevokeGrant");
        var grantId = (string)input["GrantId"]!;
        var grant = key.Grants.FirstOrDefault(g => g.GrantId == grantId) ?? throw GrantNotFound(grantId);
        _keys.Save(key with { Grants = key.Grants.Where(g => g.GrantId != grant.GrantId).ToList() });
        return [];
    }

    private (KmsKey Key, KmsGrant Grant) FindById(AwsCall call, JsonObject input)
    {
        if ((string?)input["KeyId"] is not { } keyId || (string?)input["GrantId"] is not { } grantId)
        {
            throw new AwsServiceError("ValidationException", "Either GrantToken, or both KeyId and GrantId must be specified.");
        }

        var key = _access.Find(call, keyId);
        return (key, key.Grants.FirstOrDefault(g => g.GrantId == grantId) ?? throw GrantNotFound(grantId));
    }

    /// <summary>Tokens name their key and grant (base64 of "keyArn grantId random") so a token alone finds the grant.</summary>
    private (KmsKey Key, KmsGrant Grant) FindByToken(AwsCall call, string token)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(' ');
        }
        catch (FormatException)
        {
            throw InvalidToken();
        }

        if (parts.Length != 3)
        {
            throw InvalidToken();
        }

        var key = _access.Find(call, parts[0]);
        var grant = key.Grants.FirstOrDefault(g => g.GrantId == parts[1] && g.GrantToken == token) ?? throw GrantNotFound(parts[1]);
        return (key, grant);
    }

    private static string TokenFor(KmsKey key, string grantId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key.Arn} {grantId} {LowerHex.Of(RandomNumberGenerator.GetBytes(16))}"));

    private static JsonObject GrantOutput(KmsGrant grant) => new() { ["GrantToken"] = grant.GrantToken, ["GrantId"] = grant.GrantId };

    private static AwsServiceError GrantNotFound(string grantId) => new("NotFoundException", $"Grant ID {grantId} not found");

    private static AwsServiceError InvalidToken() => new("InvalidGrantTokenException", "The grant token is not valid.");
}
