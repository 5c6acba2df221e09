using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Faults;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Unauthenticated endpoints under <c>/_localregistry/</c> for tests and tools, answered only
/// to loopback clients: health, fault rules, the configured accounts, and the calls received.</summary>
public static class AdminEndpoints
{
    public const string Prefix = "/_localregistry";

    public static void Map(WebApplication app)
    {
        var admin = app.MapGroup(Prefix).AddEndpointFilter(async (context, next) =>
            IsLoopback(context.HttpContext.Connection.RemoteIpAddress)
                ? await next(context)
                : Results.Json(new JsonObject { ["message"] = "Admin endpoints answer loopback clients only." }, statusCode: StatusCodes.Status403Forbidden));

        admin.MapGet("/health", (LocalRegistryOptions options, IEnumerable<IAwsService> services) => Results.Json(new JsonObject
        {
            ["status"] = "ok",
            ["region"] = options.DefaultRegion,
            ["persistent"] = options.DataDirectory is not null,
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

        admin.MapGet("/calls", (CallCounter calls) => Results.Json(new JsonObject
        {
            ["calls"] = new JsonObject(calls.Snapshot().Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
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

    private static JsonObject RulesJson(FaultInjector faults) =>
        new() { ["rules"] = new JsonArray(faults.Rules.Select(r => (JsonNode)r.ToJson()).ToArray()) };

    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
