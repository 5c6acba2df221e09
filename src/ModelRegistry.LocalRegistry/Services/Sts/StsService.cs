using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.Sts;

/// <summary>AWS STS (query protocol): GetCallerIdentity, AssumeRole and AssumeRoleWithWebIdentity. Any
/// role name in a configured account may be assumed: the local registry has no IAM, so trust policies and
/// OIDC providers are not modelled (a web identity token must be present and, if a JWT, unexpired).</summary>
public sealed class StsService : IAwsService
{
    private const string ApiVersion = "2011-06-15";
    private const int DefaultDurationSeconds = 3600;
    private const int RoleChainingLimitSeconds = 3600;
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static readonly Regex RoleArnPattern = new(
        @"^arn:aws:iam::(?<account>[0-9]{12}):role/(?:[\x21-\x7E]*/)?(?<name>[\w+=,.@-]{1,64})$", RegexOptions.CultureInvariant);

    private readonly AccountDirectory _accounts;
    private readonly TimeProvider _time;
    private readonly ServiceModel _model = ServiceModel.Load("sts");

    public StsService(AccountDirectory accounts, TimeProvider time)
    {
        _accounts = accounts;
        _time = time;
    }

    public string SigningName => "sts";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var parameters = QueryProtocol.ReadParameters(call.Http.Request, call.Body);
        var action = parameters.GetValueOrDefault("Action") ?? "";
        var version = parameters.GetValueOrDefault("Version");
        if (version != ApiVersion || !_model.HasOperation(action))
        {
            throw new AwsServiceError("InvalidAction", $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}");
        }

        call.Operation = action;
        var input = QueryProtocol.BindInput(_model, action, parameters);
        QueryProtocol.Validate(_model, action, input);
        var result = action switch
        {
            "GetCallerIdentity" => GetCallerIdentity(call.Caller),
            "AssumeRole" => AssumeRole(call.Caller, input),
            "AssumeRoleWithWebIdentity" => AssumeRoleWithWebIdentity(input),
            _ => throw new AwsServiceError("InvalidAction", $"Could not find operation {action} for version {version}"),
        };
        return QueryProtocol.WriteResultAsync(call.Http, action, Ns, result);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => QueryProtocol.WriteErrorAsync(call.Http, Ns, error);

    /// <summary>The web identity token is the credential of AssumeRoleWithWebIdentity; SDKs send it unsigned.</summary>
    public bool AcceptsUnsigned(string? operation) => operation == "AssumeRoleWithWebIdentity";

    private IEnumerable<XElement> GetCallerIdentity(Caller caller)
    {
        var userId = _accounts.FindByAccessKey(caller.AccessKeyId)?.UserId ?? caller.AccountId;
        return
        [
            new XElement(Ns + "UserId", userId),
            new XElement(Ns + "Account", caller.AccountId),
            new XElement(Ns + "Arn", caller.Arn),
        ];
    }

    private IEnumerable<XElement> AssumeRole(Caller caller, JsonObject input)
    {
        var roleArn = (string)input["RoleArn"]!;
        var durationSeconds = input["DurationSeconds"]?.GetValue<long>() ?? DefaultDurationSeconds;
        var role = FindRole(roleArn, $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");

        // AWS caps sessions obtained with session credentials ("role chaining") at one hour.
        if (caller.Arn.Contains(":assumed-role/", StringComparison.Ordinal) && durationSeconds > RoleChainingLimitSeconds)
        {
            throw new AwsServiceError("ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        return SessionResult(role, (string)input["RoleSessionName"]!, durationSeconds);
    }

    private IEnumerable<XElement> AssumeRoleWithWebIdentity(JsonObject input)
    {
        var roleArn = (string)input["RoleArn"]!;
        var claims = WebIdentityClaims((string)input["WebIdentityToken"]!);
        var role = FindRole(roleArn, $"Not authorized to perform sts:AssumeRoleWithWebIdentity on resource: {roleArn}");
        var durationSeconds = input["DurationSeconds"]?.GetValue<long>() ?? DefaultDurationSeconds;
        return SessionResult(role, (string)input["RoleSessionName"]!, durationSeconds).Concat(
        [
            new XElement(Ns + "SubjectFromWebIdentityToken", (string?)claims?["sub"] ?? "web-identity-subject"),
            new XElement(Ns + "Provider", (string?)claims?["iss"] ?? (string?)input["ProviderId"] ?? "local-registry"),
            new XElement(Ns + "Audience", claims?["aud"] is JsonValue audience ? (string?)audience : "sts.amazonaws.com"),
        ]);
    }

    /// <summary>The claims of a JWT token (unverified: there is no OIDC provider to check the signature
    /// against); null for a token that is not a JWT. An expired JWT is refused as STS refuses it.</summary>
    private JsonObject? WebIdentityClaims(string token)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3) return null;
        JsonObject? claims;
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }

        if (claims?["exp"] is JsonValue exp && exp.TryGetValue<long>(out var expiresAt)
            && DateTimeOffset.FromUnixTimeSeconds(expiresAt) <= _time.GetUtcNow())
        {
            throw new AwsServiceError("ExpiredTokenException",
                "Token expired: current date/time must be before the expiration date/time.");
        }

        return claims;
    }

    /// <summary>The account and role name of a role ARN in a configured account; AccessDenied otherwise.</summary>
    private (string AccountId, string RoleName) FindRole(string roleArn, string deniedMessage)
    {
        var match = RoleArnPattern.Match(roleArn);
        if (!match.Success || _accounts.FindAccount(match.Groups["account"].Value) is null)
        {
            throw new AwsServiceError("AccessDenied", deniedMessage, 403);
        }

        return (match.Groups["account"].Value, match.Groups["name"].Value);
    }

    private List<XElement> SessionResult((string AccountId, string RoleName) role, string sessionName, long durationSeconds)
    {
        var session = _accounts.StartSession(role.AccountId, role.RoleName, sessionName, TimeSpan.FromSeconds(durationSeconds));
        return
        [
            new XElement(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", session.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", session.SecretAccessKey),
                new XElement(Ns + "SessionToken", session.SessionToken),
                new XElement(Ns + "Expiration",
                    session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))),
            new XElement(Ns + "AssumedRoleUser",
                new XElement(Ns + "AssumedRoleId", session.AssumedRoleId),
                new XElement(Ns + "Arn", session.AssumedRoleArn)),
        ];
    }
}
