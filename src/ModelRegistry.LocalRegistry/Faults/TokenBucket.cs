namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>A token bucket: refills at <c>rate</c> tokens a second up to <c>capacity</c>; each request takes one.
/// Not thread-safe; <see cref="RequestRateLimiter"/> serialises access.</summary>
public sealed class TokenBucket
{
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _refilledAt;

    /// <param name="startTimestamp">A <see cref="TimeProvider.GetTimestamp"/> value; the bucket starts full.</param>
    public TokenBucket(double ratePerSecond, double capacity, long startTimestamp)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be a positive, finite number of requests per second.");
        }

        if (!(capacity >= 1) || double.IsInfinity(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must hold at least one request.");
        }

        _ratePerSecond = ratePerSecond;
        _capacity = capacity;
        _tokens = capacity;
        _refilledAt = startTimestamp;
    }

    /// <summary>Takes a token if one is there at <paramref name="timestamp"/>; false means the request is over the rate.</summary>
    public bool TryTake(long timestamp, long timestampFrequency)
    {
        if (timestamp > _refilledAt)
        {
            var elapsedSeconds = (timestamp - _refilledAt) / (double)timestampFrequency;
            _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _ratePerSecond);
            _refilledAt = timestamp;
        }

        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
