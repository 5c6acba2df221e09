namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>A clock the test sets, for signature times and expiries.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
