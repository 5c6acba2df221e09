using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>Holds the active fault rules and applies them to AWS calls before the service runs, so a
/// throttled or failed call never takes effect and an SDK retry cannot duplicate it.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<ActiveRule> _rules = [];

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return _rules.Select(r => r.Rule with { Count = r.Remaining }).ToList();
            }
        }
    }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(new ActiveRule(rule));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Applies the first rule that matches and fires: throws the service error, delays,
    /// aborts the connection, or lets the call run and loses its response.</summary>
    public async Task<FaultOutcome> ApplyAsync(AwsCall call, string? operation, CancellationToken cancellationToken)
    {
        var fault = Take(call.SigningName, operation);
        switch (fault?.Kind)
        {
            case null:
                return FaultOutcome.Serve;
            case FaultKind.Latency:
                await Task.Delay(fault.LatencyMs, cancellationToken);
                return FaultOutcome.Serve;
            case FaultKind.Drop:
                call.Http.Abort();
                return FaultOutcome.Dropped;
            case FaultKind.DropResponse:
                return FaultOutcome.ServeThenDrop;
            case FaultKind.Throttle:
                throw AwsServiceError.Throttling(call.SigningName);
            case FaultKind.Unsupported:
                throw new AwsServiceError("UnknownOperationException", $"The operation {operation} is not supported here.", 400);
            default:
                throw InternalError(call.SigningName);
        }
    }

    private FaultRule? Take(string signingName, string? operation)
    {
        lock (_gate)
        {
            foreach (var active in _rules)
            {
                if (!active.Rule.Matches(signingName, operation) || Random.Shared.NextDouble() >= active.Rule.Rate)
                {
                    continue;
                }

                if (active.Remaining is int remaining)
                {
                    active.Remaining = remaining - 1;
                    if (active.Remaining == 0)
                    {
                        _rules.Remove(active);
                    }
                }

                return active.Rule;
            }

            return null;
        }
    }

    private static AwsServiceError InternalError(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("InternalError", "We encountered an internal error. Please try again.", 500, senderFault: false),
        _ => new AwsServiceError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500,
            senderFault: false),
    };

    private sealed class ActiveRule(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;
        public int? Remaining { get; set; } = rule.Count;
    }
}
