namespace ModelRegistry.Core.Resources;

/// <summary>
/// The plan, and then the outcome, for one resource: its current and proposed policy (or KMS grants)
/// as JSON text and the difference. Plain data: applying goes through the <see cref="ChangePlan"/>
/// that made it. The public properties are text (an enum's name): ConvertTo-Json writes an enum as
/// its number, and a CI log or artifact must say Verified, not 2. Core decides by the typed
/// <see cref="ResourceKind"/> and <see cref="ChangeStatus"/>.
/// </summary>
public sealed class ResourceChange
{
    public ResourceChange(
        ResourceKind resource, string accountId, string target, ResourceChangeStatus status,
        string? currentPolicy, string? proposedPolicy, string diff, string? message = null, string? command = null)
    {
        ResourceKind = resource;
        AccountId = accountId;
        Target = target;
        ChangeStatus = status;
        CurrentPolicy = currentPolicy;
        ProposedPolicy = proposedPolicy;
        Diff = diff;
        Message = message;
        Command = command;
    }

    /// <summary>A <see cref="Resources.ResourceKind"/> name: RepositoryPolicy, BucketPolicy, KmsGrant or ModelGroupPolicy.</summary>
    public string Resource => ResourceKind.ToString();

    /// <summary>The account whose administrator can make this change: Registry or Training.</summary>
    public string Side => (ResourceKind == ResourceKind.ModelGroupPolicy ? AccountSide.Registry : AccountSide.Training).ToString();

    /// <summary>The account that owns the resource.</summary>
    public string AccountId { get; }

    /// <summary>The resource's ARN.</summary>
    public string Target { get; }

    /// <summary>A <see cref="ResourceChangeStatus"/> name: Unchanged, WillChange, Verified, Failed or Skipped.</summary>
    public string Status => ChangeStatus.ToString();

    /// <summary>The policy (or grants) in force when planned, as indented JSON; null when there is none.</summary>
    public string? CurrentPolicy { get; }

    /// <summary>What the resource will say after the change; null when the policy will be deleted.</summary>
    public string? ProposedPolicy { get; }

    /// <summary>Statement by statement: '+' added, '-' removed, '~' changed.</summary>
    public string Diff { get; }

    /// <summary>Why it failed or was skipped, or what was done.</summary>
    public string? Message { get; }

    /// <summary>For a skipped change, the command the owning account's administrator runs.</summary>
    public string? Command { get; }

    internal ResourceKind ResourceKind { get; }

    internal ResourceChangeStatus ChangeStatus { get; }

    public override string ToString() => $"{Resource} {Target}: {Status}";

    internal ResourceChange With(ResourceChangeStatus status, string? message) =>
        new(ResourceKind, AccountId, Target, status, CurrentPolicy, ProposedPolicy, Diff, message, Command);
}
