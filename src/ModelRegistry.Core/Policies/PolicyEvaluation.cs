namespace ModelRegistry.Core.Policies;

/// <summary>The decision of a policy for one request and why, naming the deciding statement.</summary>
public sealed class PolicyEvaluation
{
    public PolicyEvaluation(PolicyDecision decision, string reason)
    {
        Decision = decision;
        Reason = reason;
    }

    public PolicyDecision Decision { get; }

    public string Reason { get; }

    public override string ToString() => $"{Decision}: {Reason}";
}
