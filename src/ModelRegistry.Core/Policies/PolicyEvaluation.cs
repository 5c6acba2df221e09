using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.Policies;

/// <summary>The decision of a policy for one request and why, naming the deciding statement.</summary>
public sealed class PolicyEvaluation
{
    public PolicyEvaluation(PolicyDecision decision, string reason, IReadOnlyList<string>? unsupportedConditions = null)
    {
        Decision = decision;
        Reason = reason;
        UnsupportedConditions = unsupportedConditions ?? Array.Empty<string>();
    }

    public PolicyDecision Decision { get; }

    public string Reason { get; }

    /// <summary>Each statement that decided nothing, or denied, only because of a condition the evaluator
    /// does not support, and why: the local registry tells the caller, so a denial is never a mystery.</summary>
    public IReadOnlyList<string> UnsupportedConditions { get; }

    public override string ToString() => $"{Decision}: {Reason}";
}
