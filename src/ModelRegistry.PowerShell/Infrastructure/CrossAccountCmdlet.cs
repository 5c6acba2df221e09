using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.CrossAccount;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>
/// Base of Grant/Revoke/Test-MRCrossAccountAccess: the description of the set-up, credentials per
/// account, and which account each set of credentials really belongs to (STS GetCallerIdentity).
/// Credentials of the wrong account end the command before anything is read or written.
/// </summary>
public abstract class CrossAccountCmdlet : AwsCmdlet
{
    private string? _region;

    [Parameter(Mandatory = true)]
    [ValidatePattern("^[0-9]{12}$")]
    public string RegistryAccountId { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidatePattern("^[0-9]{12}$")]
    public string TrainingAccountId { get; set; } = "";

    [Parameter(Mandatory = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    public string ModelGroupName { get; set; } = "";

    [Parameter(Mandatory = true)]
    public string RepositoryName { get; set; } = "";

    [Parameter(Mandatory = true)]
    public string BucketName { get; set; } = "";

    [Parameter]
    public string? BucketPrefix { get; set; }

    [Parameter(Mandatory = true)]
    [Alias("KeyId")]
    public string KmsKeyId { get; set; } = "";

    [Parameter]
    public AWSCredentials? RegistryCredential { get; set; }

    [Parameter]
    public string? RegistryProfileName { get; set; }

    [Parameter]
    public AWSCredentials? TrainingCredential { get; set; }

    [Parameter]
    public string? TrainingProfileName { get; set; }

    /// <summary>This command line, with the set-up's arguments and no credentials: what the other account's
    /// administrator runs with their own.</summary>
    protected string CommandLine(string cmdletName)
    {
        var text = new StringBuilder(cmdletName);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) text.Append(" -").Append(name).Append(" '").Append(value!.Replace("'", "''")).Append('\'');
        }

        Add(nameof(RegistryAccountId), RegistryAccountId);
        Add(nameof(TrainingAccountId), TrainingAccountId);
        Add(nameof(ModelGroupName), ModelGroupName);
        Add(nameof(RepositoryName), RepositoryName);
        Add(nameof(BucketName), BucketName);
        Add(nameof(BucketPrefix), BucketPrefix);
        Add(nameof(KmsKeyId), KmsKeyId);
        Add(nameof(Region), _region);
        return text.ToString();
    }

    /// <summary>Resolves both accounts' connections and checks whose they are; ends the command on bad
    /// parameters or credentials of an account that is neither side.</summary>
    protected async Task<CrossAccountAccess> OpenAsync(CancellationToken cancellationToken)
    {
        var (registry, training, common) = OnPipelineThread(ResolveSides);
        _region = (registry ?? training ?? common)!.Region.SystemName;
        CrossAccountGrant grant;
        try
        {
            grant = new CrossAccountGrant(RegistryAccountId, TrainingAccountId, ModelGroupName, RepositoryName, BucketName, BucketPrefix, KmsKeyId, _region);
        }
        catch (ArgumentException e)
        {
            throw Terminate(new ErrorRecord(e, "InvalidCrossAccountGrant", ErrorCategory.InvalidArgument, e.ParamName));
        }

        if (registry != null) await RequireAccountAsync(registry, RegistryAccountId, nameof(RegistryCredential), cancellationToken).ConfigureAwait(false);
        if (training != null) await RequireAccountAsync(training, TrainingAccountId, nameof(TrainingCredential), cancellationToken).ConfigureAwait(false);
        if (common != null)
        {
            var account = await AccountOfAsync(common, cancellationToken).ConfigureAwait(false);
            if (account == RegistryAccountId) registry ??= common;
            else if (account == TrainingAccountId) training ??= common;
            else if (registry == null && training == null)
            {
                throw Terminate(new ErrorRecord(
                    new InvalidOperationException($"The credentials from {common.CredentialSource} belong to account {account}, which is neither the registry account {RegistryAccountId} nor the training account {TrainingAccountId}."),
                    "CredentialsOfUnrelatedAccount", ErrorCategory.PermissionDenied, account));
            }
            else
            {
                WriteWarningFromWorker($"The credentials from {common.CredentialSource} belong to account {account}, which is neither side; they are not used.");
            }
        }

        return new CrossAccountAccess(grant, registry?.ToConnection(), training?.ToConnection());
    }

    /// <summary>Explicit per-account credentials first; the common parameters (and session defaults) are
    /// consulted only for a side without them, and may be absent when one side is explicit.</summary>
    private (ResolvedConnection? Registry, ResolvedConnection? Training, ResolvedConnection? Common) ResolveSides()
    {
        var registry = ResolveSide(RegistryProfileName, RegistryCredential);
        var training = ResolveSide(TrainingProfileName, TrainingCredential);
        if (registry != null && training != null) return (registry, training, null);
        var common = ResolveConnection(Parameters(ProfileName, Credential, withKeys: true), mayLackCredentials: (registry ?? training) != null);
        return (registry, training, common);
    }

    private ResolvedConnection? ResolveSide(string? profileName, AWSCredentials? credential) =>
        string.IsNullOrEmpty(profileName) && credential == null ? null : ResolveConnection(Parameters(profileName, credential, withKeys: false), mayLackCredentials: false);

    private ConnectionParameters Parameters(string? profileName, AWSCredentials? credential, bool withKeys) => new()
    {
        Region = Region,
        ProfileName = profileName,
        ProfileLocation = ProfileLocation,
        Credential = credential,
        AccessKey = withKeys ? AccessKey : null,
        SecretKey = withKeys ? SecretKey : null,
        SessionToken = withKeys ? SessionToken : null,
        EndpointUrl = EndpointUrl,
    };

    private async Task RequireAccountAsync(ResolvedConnection connection, string expectedAccount, string parameter, CancellationToken cancellationToken)
    {
        var account = await AccountOfAsync(connection, cancellationToken).ConfigureAwait(false);
        if (account != expectedAccount)
        {
            var side = parameter.StartsWith("Registry", StringComparison.Ordinal) ? "registry" : "training";
            throw Terminate(new ErrorRecord(
                new ArgumentException($"-{parameter}: the credentials from {connection.CredentialSource} belong to account {account}, not to the {side} account {expectedAccount}.", parameter),
                "CredentialAccountMismatch", ErrorCategory.InvalidArgument, account));
        }
    }

    private async Task<string> AccountOfAsync(ResolvedConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await AccountIdentity.GetAccountIdAsync(connection.ToConnection(), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw Terminate(ErrorRecords.FromAws(e, connection.CredentialSource));
        }
        catch (AmazonClientException e) when (e.InnerException is not OperationCanceledException)
        {
            throw Terminate(new ErrorRecord(e, "AwsClientError", ErrorCategory.ConnectionError, connection.CredentialSource));
        }
    }

    /// <summary>
    /// Plans each of the four places and applies what differs, one ShouldProcess per resource whose
    /// text is the diff (so -WhatIf prints the plan). Writes every outcome, an error per failure, and
    /// the command for the other account when its side was skipped.
    /// </summary>
    protected async Task ApplyChangesAsync(Func<CrossAccountResource, Task<ResourceChange>> plan, string action, string command, CancellationToken cancellationToken)
    {
        var outcomes = new List<ResourceChange>();
        foreach (var resource in CrossAccountAccess.Resources)
        {
            var change = await plan(resource).ConfigureAwait(false);
            if (change.Status == ResourceChangeStatus.WillChange && OnPipelineThread(() => ShouldProcess(
                    $"{action}: {change.Resource} of account {change.AccountId} ({change.Target})\n{change.Diff}",
                    $"{action}: change the {change.Resource} of {change.Target}?\n{change.Diff}",
                    action)))
            {
                change = await change.ApplyAsync(cancellationToken).ConfigureAwait(false);
            }

            outcomes.Add(change);
            WriteObjectFromWorker(change);
            if (change.Status == ResourceChangeStatus.Failed)
            {
                WriteErrorFromWorker(Failure("CrossAccountChangeFailed", change.Resource, change.Target, change.Message, change));
            }
        }

        var skipped = outcomes.Where(change => change.Status == ResourceChangeStatus.Skipped).ToList();
        if (skipped.Count > 0)
        {
            WriteWarningFromWorker($"Skipped {string.Join(", ", skipped.Select(change => change.Resource))} of account {skipped[0].AccountId}: no credentials for it were given. Its administrator runs:\n{command}");
        }

        var failed = outcomes.Count(change => change.Status == ResourceChangeStatus.Failed);
        if (failed > 0)
        {
            var done = string.Join(", ", outcomes.Where(c => c.Status is ResourceChangeStatus.Verified or ResourceChangeStatus.Unchanged).Select(c => c.Resource));
            WriteWarningFromWorker($"{failed} of {outcomes.Count} resources failed; in place: {(done.Length == 0 ? "none" : done)}. Fix the cause and run the same command again: it changes only what is still missing.");
        }
    }

    /// <summary>A change or check that went wrong, as a non-terminating error naming the resource.</summary>
    protected static ErrorRecord Failure(string errorId, CrossAccountResource resource, string target, string? message, object targetObject) =>
        new(new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "{0} {1}: {2}", resource, target, message)),
            errorId, ErrorCategory.InvalidOperation, targetObject);
}
