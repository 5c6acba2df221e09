namespace ModelRegistry.LocalRegistry.Faults;

/// <summary>What the dispatcher does with a call after the fault rules had their say.</summary>
public enum FaultOutcome
{
    /// <summary>Serve the call normally.</summary>
    Serve,

    /// <summary>The connection is gone: write nothing.</summary>
    Dropped,

    /// <summary>Serve the call, then drop the connection instead of answering.</summary>
    ServeThenDrop,
}
