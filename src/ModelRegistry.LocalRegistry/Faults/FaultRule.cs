using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>What an injected fault does to a matching call.</summary>
public enum FaultKind
{
    /// <summary>The service's throttling error (JSON: 400 ThrottlingException), so SDKs back off and retry.</summary>
    Throttle,

    /// <summary>A 500 internal error of the service.</summary>
    Error500,

    /// <summary>The call is served normally after a delay.</summary>
    Latency,

    /// <summary>The connection is dropped without a response.</summary>
    Drop,

    /// <summary>The operation does not exist here (JSON: 400 UnknownOperationException), as a mock or an
    /// older emulator answers: what clients must fall back from.</summary>
    Unsupported,

    /// <summary>The call takes effect, then its response is lost (the connection drops): what
    /// idempotency tokens are for, since the client must retry something that already happened.</summary>
    DropResponse,
}

/// <summary>A fault to inject into AWS calls (never into admin endpoints), e.g.
/// <c>{"kind":"throttle","count":3,"operation":"CreateModelPackage"}</c>.</summary>
/// <param name="Rate">Probability that a matching call is hit (0..1].</param>
/// <param name="Count">How many faults to inject before the rule retires; null = no limit.</param>
/// <param name="Operation">Only calls of this operation match; null = every operation.</param>
/// <param name="Service">Only calls to this signing name ("sagemaker", "s3", ...) match; null = every service.</param>
public sealed record FaultRule(FaultKind Kind, double Rate, int? Count, string? Operation, string? Service, int LatencyMs)
{
    /// <summary>Reads a rule from the admin endpoint's JSON; throws <see cref="FormatException"/> naming the bad member.</summary>
    public static FaultRule Parse(JsonNode? json)
    {
        if (json is not JsonObject rule)
        {
            throw new FormatException("A fault rule must be a JSON object.");
        }

        var kindText = ReadString(rule, "kind")
            ?? throw new FormatException("'kind' is required: throttle, error500, latency, drop, dropResponse or unsupported.");
        if (!Enum.TryParse<FaultKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            throw new FormatException($"'kind' must be throttle, error500, latency, drop, dropResponse or unsupported, not '{kindText}'.");
        }

        var rate = ReadNumber(rule, "rate") ?? 1.0;
        if (!(rate > 0 && rate <= 1))
        {
            throw new FormatException("'rate' must be greater than 0 and at most 1.");
        }

        var count = ReadNumber(rule, "count");
        if (count is not null && (count < 1 || count != Math.Floor(count.Value) || count > int.MaxValue))
        {
            throw new FormatException("'count' must be a positive whole number.");
        }

        var latency = ReadNumber(rule, "latencyMs") ?? 0;
        if (latency < 0 || latency > 600_000 || latency != Math.Floor(latency))
        {
            throw new FormatException("'latencyMs' must be a whole number of milliseconds from 0 to 600000.");
        }

        if (kind == FaultKind.Latency && latency == 0)
        {
            throw new FormatException("A latency fault needs 'latencyMs'.");
        }

        return new FaultRule(kind, rate, (int?)count, ReadString(rule, "operation"), ReadString(rule, "service"), (int)latency);
    }

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind.ToString().ToLowerInvariant(),
        ["rate"] = Rate,
        ["count"] = Count,
        ["operation"] = Operation,
        ["service"] = Service,
        ["latencyMs"] = LatencyMs,
    };

    internal bool Matches(string signingName, string? operation) =>
        (Service is null || string.Equals(Service, signingName, StringComparison.OrdinalIgnoreCase))
        && (Operation is null || string.Equals(Operation, operation, StringComparison.Ordinal));

    private static string? ReadString(JsonObject rule, string name) => rule[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => throw new FormatException($"'{name}' must be a string."),
    };

    private static double? ReadNumber(JsonObject rule, string name) => rule[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out double number) => number,
        _ => throw new FormatException($"'{name}' must be a number."),
    };
}
