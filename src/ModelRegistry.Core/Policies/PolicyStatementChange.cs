namespace ModelRegistry.Core.Policies;

/// <summary>A statement present on both sides of a diff (same Sid) whose content differs.</summary>
public sealed class PolicyStatementChange
{
    public PolicyStatementChange(PolicyStatement before, PolicyStatement after)
    {
        Before = before;
        After = after;
    }

    public PolicyStatement Before { get; }

    public PolicyStatement After { get; }
}
