using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>SageMaker's request-rate limits: one token bucket per account, region and operation, filled at the
/// configured rate and holding one second's worth (at least one request). A call over the rate is refused with
/// the service's throttling error before it takes effect, as a real service does.</summary>
public sealed class RequestRateLimiter
{
    private readonly object _gate = new();
    private readonly IReadOnlyDictionary<string, double> _limits;
    private readonly TimeProvider _clock;
    private readonly Dictionary<(string AccountId, string Region, string Operation), LimitedCalls> _buckets = [];

    public RequestRateLimiter(LocalRegistryOptions options, TimeProvider clock)
    {
        _limits = options.RateLimits;
        _clock = clock;
    }

    /// <exception cref="AwsServiceError">The service's throttling error, when the call is over its operation's rate.</exception>
    public void Admit(AwsCall call, string? operation)
    {
        if (operation is null || !_limits.TryGetValue(operation, out var ratePerSecond))
        {
            return;
        }

        var now = _clock.GetTimestamp();
        bool admitted;
        lock (_gate)
        {
            var key = (call.Caller.AccountId, call.Region, operation);
            if (!_buckets.TryGetValue(key, out var calls))
            {
                calls = new LimitedCalls(new TokenBucket(ratePerSecond, Math.Max(1, ratePerSecond), now));
                _buckets.Add(key, calls);
            }

            admitted = calls.Bucket.TryTake(now, _clock.TimestampFrequency);
            if (admitted) calls.Admitted++;
            else calls.Throttled++;
        }

        if (!admitted)
        {
            throw AwsServiceError.Throttling(call.SigningName);
        }
    }

    /// <summary>The limits and, per account, region and operation, how many calls were admitted and throttled.</summary>
    public JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["limits"] = new JsonObject(_limits.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
                ["buckets"] = new JsonArray(_buckets.Select(b => (JsonNode)new JsonObject
                {
                    ["accountId"] = b.Key.AccountId,
                    ["region"] = b.Key.Region,
                    ["operation"] = b.Key.Operation,
                    ["admitted"] = b.Value.Admitted,
                    ["throttled"] = b.Value.Throttled,
                }).ToArray()),
            };
        }
    }

    private sealed class LimitedCalls(TokenBucket bucket)
    {
        public TokenBucket Bucket { get; } = bucket;
        public long Admitted { get; set; }
        public long Throttled { get; set; }
    }
}
