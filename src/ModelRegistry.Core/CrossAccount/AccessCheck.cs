using System.Collections.Generic;

using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

public enum AccessCheckResult
{
    Passed,
    Failed,

    /// <summary>The resource belongs to the account whose credentials were not given.</summary>
    NotChecked,
}

/// <summary>Whether one of the four places lets the other account in, what is missing, and the command that fixes it.</summary>
public sealed class AccessCheck
{
    internal AccessCheck(
        ResourceKind resource, string accountId, string target, AccessCheckResult result,
        IReadOnlyList<string> missing, string message, string? command)
    {
        Resource = resource;
        AccountId = accountId;
        Target = target;
        Result = result;
        Missing = missing;
        Message = message;
        Command = command;
    }

    public ResourceKind Resource { get; }

    public AccountSide Side => CrossAccountGrant.SideOf(Resource);

    public string AccountId { get; }

    public string Target { get; }

    public AccessCheckResult Result { get; }

    public bool Passed => Result == AccessCheckResult.Passed;

    /// <summary>Each permission not granted, as "action on resource" (or a KMS grant operation).</summary>
    public IReadOnlyList<string> Missing { get; }

    public string Message { get; }

    /// <summary>What fixes a failure (run by the resource's account), or what the other account runs to check.</summary>
    public string? Command { get; }

    public override string ToString() => $"{Resource} {Target}: {Result}";
}
