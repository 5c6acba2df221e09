namespace ModelRegistry.Core.Policies;

/// <summary>What a resource policy says about a request.</summary>
public enum PolicyDecision
{
    /// <summary>No statement allows or denies the request; the caller's own account decides.</summary>
    NotApplicable,

    /// <summary>A statement allows the request and none denies it.</summary>
    Allow,

    /// <summary>A Deny statement matches; this wins over any Allow.</summary>
    ExplicitDeny,
}
