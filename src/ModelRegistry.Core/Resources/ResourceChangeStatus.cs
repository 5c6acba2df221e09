namespace ModelRegistry.Core.Resources;

/// <summary>Where one resource's change stands.</summary>
public enum ResourceChangeStatus
{
    /// <summary>The resource already says what was asked; nothing is written.</summary>
    Unchanged,

    /// <summary>Planned (or shown under -WhatIf, or declined at the prompt); not written.</summary>
    WillChange,

    /// <summary>Written, and reading it back shows exactly the proposal.</summary>
    Verified,

    /// <summary>Could not be read, planned, written or verified; Message says which and why.</summary>
    Failed,

    /// <summary>Belongs to the account whose credentials were not given; Command says what that account must run.</summary>
    Skipped,
}
