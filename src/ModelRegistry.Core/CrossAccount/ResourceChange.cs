using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// The plan, and then the outcome, for one resource: its current and proposed policy (or KMS grant)
/// and the difference. Only a <see cref="ResourceChangeStatus.WillChange"/> change writes anything,
/// and it reads the resource back afterwards to verify.
/// </summary>
public sealed class ResourceChange
{
    private readonly IResourcePolicy? _place;
    private readonly PolicyDocument? _proposed;
    private readonly KmsGrantChange? _grantChange;

    private ResourceChange(
        CrossAccountResource resource,
        string accountId,
        string target,
        ResourceChangeStatus status,
        string? currentPolicy,
        string? proposedPolicy,
        string diff,
        string? message,
        string? command,
        IResourcePolicy? place,
        PolicyDocument? proposed,
        KmsGrantChange? grantChange)
    {
        Resource = resource;
        AccountId = accountId;
        Target = target;
        Status = status;
        CurrentPolicy = currentPolicy;
        ProposedPolicy = proposedPolicy;
        Diff = diff;
        Message = message;
        Command = command;
        _place = place;
        _proposed = proposed;
        _grantChange = grantChange;
    }

    public CrossAccountResource Resource { get; }

    public AccountSide Side => CrossAccountGrant.SideOf(Resource);

    /// <summary>The account that owns the resource.</summary>
    public string AccountId { get; }

    /// <summary>The resource's ARN.</summary>
    public string Target { get; }

    public ResourceChangeStatus Status { get; }

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

    /// <summary>Writes the proposal (or deletes the policy it empties), then reads the resource back to verify.
    /// AWS failures are returned as a <see cref="ResourceChangeStatus.Failed"/> change, never thrown.</summary>
    public async Task<ResourceChange> ApplyAsync(CancellationToken cancellationToken)
    {
        if (Status != ResourceChangeStatus.WillChange)
        {
            return this;
        }

        try
        {
            await WriteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException || e is AmazonClientException)
        {
            return WithStatus(ResourceChangeStatus.Failed, "Not applied: " + Describe(e));
        }

        try
        {
            var mismatch = await VerifyAsync(cancellationToken).ConfigureAwait(false);
            return mismatch is null
                ? WithStatus(ResourceChangeStatus.Verified, "Applied and verified by reading it back.")
                : WithStatus(ResourceChangeStatus.Failed, "Applied, but reading it back shows something else: " + mismatch);
        }
        catch (Exception e) when (e is AmazonServiceException || e is AmazonClientException)
        {
            return WithStatus(ResourceChangeStatus.Failed, "Applied, but it could not be read back to verify: " + Describe(e));
        }
    }

    public override string ToString() => $"{Resource} {Target}: {Status}";

    internal static ResourceChange ForPolicy(
        CrossAccountResource resource, string accountId, string target, IResourcePolicy place, PolicyDocument? current, PolicyDocument? proposed)
    {
        var equal = current is null ? proposed is null : proposed != null && PolicyDocument.SemanticallyEquals(current, proposed);
        var status = equal ? ResourceChangeStatus.Unchanged : ResourceChangeStatus.WillChange;
        string? message = null;
        if (!equal && proposed != null)
        {
            try
            {
                proposed.EnsureWithin(place.Limit);
            }
            catch (PolicySizeLimitExceededException e)
            {
                (status, message) = (ResourceChangeStatus.Failed, "Not applied: " + e.Message);
            }
        }

        return new ResourceChange(
            resource, accountId, target, status, current?.ToJson(indented: true), proposed?.ToJson(indented: true),
            PolicyDocument.Diff(current, proposed).ToString(), message, null, place, proposed, null);
    }

    internal static ResourceChange ForGrant(string accountId, string target, KmsGrantChange change) =>
        new(CrossAccountResource.KmsGrant, accountId, target,
            change.IsEmpty ? ResourceChangeStatus.Unchanged : ResourceChangeStatus.WillChange,
            change.CurrentText, change.ProposedText, change.Describe(), null, null, null, null, change);

    internal static ResourceChange Skipped(CrossAccountResource resource, string accountId, string target, string message, string command) =>
        new(resource, accountId, target, ResourceChangeStatus.Skipped, null, null, string.Empty, message, command, null, null, null);

    internal static ResourceChange Failed(CrossAccountResource resource, string accountId, string target, Exception error) =>
        new(resource, accountId, target, ResourceChangeStatus.Failed, null, null, string.Empty, "Not planned: " + Describe(error), null, null, null, null);

    internal static string Describe(Exception e) =>
        e is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) ? $"{service.ErrorCode}: {e.Message}" : e.Message;

    private ResourceChange WithStatus(ResourceChangeStatus status, string message) =>
        new(Resource, AccountId, Target, status, CurrentPolicy, ProposedPolicy, Diff, message, Command, _place, _proposed, _grantChange);

    private Task WriteAsync(CancellationToken cancellationToken)
    {
        if (_grantChange != null)
        {
            return _grantChange.ApplyAsync(cancellationToken);
        }

        return _proposed is null ? _place!.DeleteAsync(cancellationToken) : _place!.WriteAsync(_proposed, cancellationToken);
    }

    /// <returns>Null when the resource now says exactly what was proposed, otherwise what differs.</returns>
    private async Task<string?> VerifyAsync(CancellationToken cancellationToken)
    {
        if (_grantChange != null)
        {
            return await _grantChange.VerifyAsync(cancellationToken).ConfigureAwait(false);
        }

        var readBack = await _place!.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (readBack is null)
        {
            return _proposed is null ? null : "the resource has no policy.";
        }

        return _proposed != null && PolicyDocument.SemanticallyEquals(readBack, _proposed)
            ? null
            : PolicyDocument.Diff(_proposed, readBack).ToString();
    }
}
