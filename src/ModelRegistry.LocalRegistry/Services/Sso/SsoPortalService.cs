using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.Sso;

/// <summary>The IAM Identity Center portal (REST-JSON, signing name "awsssoportal"): GetRoleCredentials,
/// <c>GET /federation/credentials?role_name=&amp;account_id=</c> with the access token in
/// <c>x-amz-sso_bearer_token</c>. Calls are not SigV4-signed: the bearer token is the credential.
/// Any role name in a configured account may be used, as with AssumeRole (no permission sets).</summary>
public sealed class SsoPortalService : IAwsService
{
    public const string BearerTokenHeader = "x-amz-sso_bearer_token";
    private const string CredentialsPath = "/federation/credentials";
    private static readonly TimeSpan RoleCredentialLifetime = TimeSpan.FromHours(1);

    private readonly AccountDirectory _accounts;
    private readonly SsoTokenDirectory _tokens;

    public SsoPortalService(AccountDirectory accounts, SsoTokenDirectory tokens)
    {
        _accounts = accounts;
        _tokens = tokens;
    }

    public string SigningName => "awsssoportal";

    public bool AcceptsUnsigned(string? operation) => true;

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var request = call.Http.Request;
        if (!HttpMethods.IsGet(request.Method) || request.Path != CredentialsPath)
        {
            throw new AwsServiceError("InvalidRequestException",
                $"The local registry's IAM Identity Center portal serves GET {CredentialsPath} only.", 400);
        }

        call.Operation = "GetRoleCredentials";
        var roleName = request.Query["role_name"].ToString();
        var accountId = request.Query["account_id"].ToString();
        if (roleName.Length == 0 || accountId.Length == 0)
        {
            throw new AwsServiceError("InvalidRequestException", "role_name and account_id are required.", 400);
        }

        var token = _tokens.FindValid(request.Headers[BearerTokenHeader].ToString())
            ?? throw new AwsServiceError("UnauthorizedException", "Session token not found or invalid", 401);
        if (_accounts.FindAccount(accountId) is null)
        {
            throw new AwsServiceError("ResourceNotFoundException", "No access", 404);
        }

        // AWS names the role behind a permission set AWSReservedSSO_<permission set>_<id>.
        var session = _accounts.StartSession(accountId, "AWSReservedSSO_" + roleName, token.UserName, RoleCredentialLifetime);
        return JsonProtocol.WriteResultAsync(call, new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = session.AccessKeyId,
                ["secretAccessKey"] = session.SecretAccessKey,
                ["sessionToken"] = session.SessionToken,
                ["expiration"] = session.Expiration.ToUnixTimeMilliseconds(),
            },
        }, cancellationToken);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => JsonProtocol.WriteErrorAsync(call, error);
}
