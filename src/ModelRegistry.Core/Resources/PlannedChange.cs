using System;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Resources;

/// <summary>A change as planned, and how to apply it (null when there is nothing to apply).</summary>
internal sealed class PlannedChange
{
    public PlannedChange(ResourceChange change, Func<CancellationToken, Task<ResourceChange>>? apply)
    {
        Change = change;
        Apply = apply;
    }

    public ResourceChange Change { get; }

    public Func<CancellationToken, Task<ResourceChange>>? Apply { get; }
}
