namespace ModelRegistry.Core.Policies;

/// <summary>A principal identifier of a policy that no AWS service would accept.</summary>
public sealed class InvalidPrincipal
{
    public InvalidPrincipal(string elementPath, string identifier, string reason)
    {
        ElementPath = elementPath;
        Identifier = identifier;
        Reason = reason;
    }

    /// <summary>Where it is, e.g. <c>Statement[1].Principal.AWS[0]</c>.</summary>
    public string ElementPath { get; }

    public string Identifier { get; }

    /// <summary>What a valid identifier of that principal type looks like.</summary>
    public string Reason { get; }

    public override string ToString() => $"{ElementPath}: '{Identifier}' {Reason}";
}
