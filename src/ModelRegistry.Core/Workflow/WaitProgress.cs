using System;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Workflow;

/// <summary>One poll of a wait that goes on: the version as it is, and how long has passed.</summary>
public sealed class WaitProgress
{
    internal WaitProgress(ModelVersion version, TimeSpan elapsed, TimeSpan timeout, int poll)
    {
        Version = version;
        Elapsed = elapsed;
        Timeout = timeout;
        Poll = poll;
    }

    public ModelVersion Version { get; }

    public TimeSpan Elapsed { get; }

    public TimeSpan Timeout { get; }

    /// <summary>How many times the version has been described (1 for the first poll).</summary>
    public int Poll { get; }

    /// <summary>The share of the time-out used, 0 to 100.</summary>
    public int PercentOfTimeout => (int)Math.Min(100, 100 * Elapsed.Ticks / Math.Max(1, Timeout.Ticks));

    public TimeSpan Remaining => Timeout > Elapsed ? Timeout - Elapsed : TimeSpan.Zero;
}
