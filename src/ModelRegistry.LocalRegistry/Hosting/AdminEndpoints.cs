using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Faults;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Unauthenticated endpoints under <c>/_localregistry/</c> for tests and tools, answered only
/// to loopback clients and never to web pages (see <see cref="LoopbackGuard"/>): health, fault rules,
/// rate-limit counts, the configured accounts, IAM Identity Center tokens, container credentials
/// and the calls received.</summary>
public static class AdminEndpoints
{
    public const string Prefix = "/_localregistry";
    private const string ContainerTaskRole = "ContainerTaskRole";

    public static void Map(WebApplication app)
    {
        var admin = app.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!IsLoopback(context.HttpContext.Connection.RemoteIpAddress))
            {
                return Forbidden("Admin endpoints answer loopback clients only.");
            }

            var isHealthRead = HttpMethods.IsGet(request.Method) && request.Path.Equals(Prefix + "/health", StringComparison.OrdinalIgnoreCase);
            return LoopbackGuard.AdminRefusal(request, isHealthRead) is { } refusal ? Forbidden(refusal) : await next(context);
        });

        admin.MapGet("/health", (LocalRegistryOptions options, IEnumerable<IAwsService> services) => Results.Json(new JsonObject
        {
            ["status"] = "ok",
            ["region"] = options.DefaultRegion,
            ["persistent"] = options.DataDirectory is not null,
            ["sqlite"] = SqliteLibrary.LoadedFrom,
            ["services"] = new JsonArray(services.Select(s => (JsonNode)s.SigningName).ToArray()),
        }));

        admin.MapGet("/faults", (FaultInjector faults) => Results.Json(RulesJson(faults)));

        admin.MapPost("/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            FaultRule rule;
            try
            {
                var json = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                rule = FaultRule.Parse(json);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                return Results.Json(new JsonObject { ["message"] = ex.Message }, statusCode: StatusCodes.Status400BadRequest);
            }

            faults.Add(rule);
            return Results.Json(RulesJson(faults));
        });

        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.Json(RulesJson(faults));
        });

        admin.MapGet("/rate-limits", (RequestRateLimiter rateLimiter) => Results.Json(rateLimiter.ToJson()));

        // A graceful stop: the store is closed, so SQLite folds its write-ahead log into registry.db.
        admin.MapPost("/shutdown", (IHostApplicationLifetime lifetime) =>
        {
            lifetime.StopApplication();
            return Results.Accepted();
        });

        // What `aws sso login` would leave in the token cache: a test writes it there for an SSO profile.
        admin.MapPost("/sso/tokens", async (HttpRequest request, SsoTokenDirectory tokens) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            int lifetimeSeconds;
            string userName;
            try
            {
                var body = text.Length == 0 ? null : JsonNode.Parse(text);
                lifetimeSeconds = body?["expiresInSeconds"]?.GetValue<int>() ?? 8 * 3600;
                userName = (string?)body?["userName"] ?? "sso-user";
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return Results.Json(new JsonObject { ["message"] = "Expected {\"userName\": string, \"expiresInSeconds\": integer}: " + ex.Message },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var token = tokens.Issue(userName, TimeSpan.FromSeconds(lifetimeSeconds));
            return Results.Json(new JsonObject
            {
                ["accessToken"] = token.AccessToken,
                ["expiresAt"] = token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            });
        });

        // The ECS/EKS container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI): a task role of the account.
        admin.MapGet("/container-credentials/{accountId}", (string accountId, AccountDirectory accounts) =>
        {
            if (accounts.FindAccount(accountId) is null)
            {
                return Results.Json(new JsonObject { ["message"] = $"The local registry has no account {accountId}." },
                    statusCode: StatusCodes.Status404NotFound);
            }

            var session = accounts.StartSession(accountId, ContainerTaskRole, "container", TimeSpan.FromHours(1));
            return Results.Json(new JsonObject
            {
                ["AccessKeyId"] = session.AccessKeyId,
                ["SecretAccessKey"] = session.SecretAccessKey,
                ["Token"] = session.SessionToken,
                ["Expiration"] = session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["RoleArn"] = $"arn:aws:iam::{accountId}:role/{ContainerTaskRole}",
            });
        });
        admin.MapGet("/calls", (CallCounter calls) => Results.Json(new JsonObject
        {
            ["calls"] = new JsonObject(calls.Snapshot().Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
            ["abandoned"] = new JsonObject(calls.AbandonedSnapshot().Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
            ["connections"] = calls.Connections,
        }));

        admin.MapGet("/accounts", (AccountDirectory accounts) => Results.Json(new JsonObject
        {
            ["accounts"] = new JsonArray(accounts.Accounts.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name,
                ["accountId"] = a.AccountId,
                ["accessKeyId"] = a.AccessKeyId,
                ["secretAccessKey"] = a.SecretAccessKey,
            }).ToArray()),
        }));
    }

    private static IResult Forbidden(string message) =>
        Results.Json(new JsonObject { ["message"] = message }, statusCode: StatusCodes.Status403Forbidden);

    private static JsonObject RulesJson(FaultInjector faults) =>
        new() { ["rules"] = new JsonArray(faults.Rules.Select(r => (JsonNode)r.ToJson()).ToArray()) };

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
