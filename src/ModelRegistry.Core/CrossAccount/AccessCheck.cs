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

/// <summary>Whether one of the four places lets the other account in, what is missing, and the command that fixes it.
/// Resource, Side and Result are enum names as text, so ConvertTo-Json writes them as such; Core decides by the typed
/// <see cref="ResourceKind"/> and <see cref="CheckResult"/>.</summary>
public sealed class AccessCheck
{
    internal AccessCheck(
        ResourceKind resource, string accountId, string target, AccessCheckResult result,
        IReadOnlyList<string> missing, string message, string? command)
    {
        ResourceKind = resource;
        AccountId = accountId;
        Target = target;
        CheckResult = result;
        Missing = missing;
        Message = message;
        Command = command;
    }

    /// <summary>A <see cref="Resources.ResourceKind"/> name: RepositoryPolicy, BucketPolicy, KmsGrant or ModelGroupPolicy.</summary>
    public string Resource => ResourceKind.ToString();

    /// <summary>The account that owns the resource: Registry or Training.</summary>
    public string Side => CrossAccountGrant.SideOf(ResourceKind).ToString();

    public string AccountId { get; }

    public string Target { get; }

    /// <summary>An <see cref="AccessCheckResult"/> name: Passed, Failed or NotChecked.</summary>
    public string Result => CheckResult.ToString();

    public bool Passed => CheckResult == AccessCheckResult.Passed;

    /// <summary>Each permission not granted, as "action on resource" (or a KMS grant operation).</summary>
    public IReadOnlyList<string> Missing { get; }

    public string Message { get; }

    /// <summary>What fixes a failure (run by the resource's account), or what the other account runs to check.</summary>
    public string? Command { get; }

    internal ResourceKind ResourceKind { get; }

    internal AccessCheckResult CheckResult { get; }

    public override string ToString() => $"{Resource} {Target}: {Result}";
}
