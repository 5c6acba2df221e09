using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.Sts;

/// <summary>AWS STS (query protocol): GetCallerIdentity and AssumeRole. Any role name in a configured
/// account may be assumed: the local registry has no IAM, so trust policies are not modelled.</summary>
public sealed class StsService : IAwsService
{
    private const string ApiVersion = "2011-06-15";
    private const int DefaultDurationSeconds = 3600;
    private const int RoleChainingLimitSeconds = 3600;
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static readonly Regex RoleArnPattern = new(
        @"^arn:aws:iam::(?<account>[0-9]{12}):role/(?:[\x21-\x7E]*/)?(?<name>[\w+=,.@-]{1,64})$", RegexOptions.CultureInvariant);

    private readonly AccountDirectory _accounts;
    private readonly ServiceModel _model = ServiceModel.Load("sts");

    public StsService(AccountDirectory accounts)
    {
        _accounts = accounts;
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
            _ => throw new AwsServiceError("InvalidAction", $"Could not find operation {action} for version {version}"),
        };
        return QueryProtocol.WriteResultAsync(call.Http, action, Ns, result);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => QueryProtocol.WriteErrorAsync(call.Http, Ns, error);

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
        var sessionName = (string)input["RoleSessionName"]!;
        var durationSeconds = input["DurationSeconds"]?.GetValue<long>() ?? DefaultDurationSeconds;
        var match = RoleArnPattern.Match(roleArn);
        if (!match.Success || _accounts.FindAccount(match.Groups["account"].Value) is null)
        {
            throw new AwsServiceError("AccessDenied",
                $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);
        }

        // AWS caps sessions obtained with session credentials ("role chaining") at one hour.
        if (caller.Arn.Contains(":assumed-role/", StringComparison.Ordinal) && durationSeconds > RoleChainingLimitSeconds)
        {
            throw new AwsServiceError("ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        var session = _accounts.StartSession(match.Groups["account"].Value, match.Groups["name"].Value, sessionName,
            TimeSpan.FromSeconds(durationSeconds));
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
