using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// A cross-account registration set-up between the accounts it has credentials for: which account
/// each set of credentials belongs to, the plan to grant or revoke (every resource read before any is
/// written), and the check of what is in place. A side without credentials is reported as skipped
/// with the command its administrator runs, never guessed at.
/// </summary>
public sealed class CrossAccountAccess : IDisposable
{
    public const string GrantCommand = "Grant-MRCrossAccountAccess";
    public const string RevokeCommand = "Revoke-MRCrossAccountAccess";
    public const string TestCommand = "Test-MRCrossAccountAccess";

    private readonly bool _hasRegistry;
    private readonly bool _hasTraining;
    private readonly ICrossAccountResources _resources;

    internal CrossAccountAccess(CrossAccountGrant grant, bool hasRegistry, bool hasTraining, IReadOnlyList<string> warnings, ICrossAccountResources resources)
    {
        Grant = grant;
        _hasRegistry = hasRegistry;
        _hasTraining = hasTraining;
        Warnings = warnings;
        _resources = resources;
    }

    /// <summary>The four resources, in the order they are applied.</summary>
    public static IReadOnlyList<ResourceKind> Resources { get; } = new[]
    {
        ResourceKind.RepositoryPolicy, ResourceKind.BucketPolicy, ResourceKind.KmsGrant, ResourceKind.ModelGroupPolicy,
    };

    public CrossAccountGrant Grant { get; }

    /// <summary>What was found while opening (credentials that serve neither side).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Finds out whose credentials were given (STS GetCallerIdentity needs no permission) and
    /// assigns them to the sides.</summary>
    /// <exception cref="ModelRegistryException">Credentials of the wrong account: nothing has been read or written.</exception>
    /// <param name="connect">Makes a client connection of a resolved one (to trace calls); ToConnection() by default.</param>
    public static Task<CrossAccountAccess> OpenAsync(
        CrossAccountGrant grant, CrossAccountConnections connections, CancellationToken cancellationToken, Func<ResolvedConnection,
            AwsConnection>? connect = null) =>
        OpenAsync(grant, connections, AccountOfAsync, (registry, training) => new AwsCrossAccountResources(grant, registry, training), cancellationToken,
            connect);

    internal static async Task<CrossAccountAccess> OpenAsync(
        CrossAccountGrant grant,
        CrossAccountConnections connections,
        Func<AwsConnection, CancellationToken, Task<string>> accountOf,
        Func<AwsConnection?, AwsConnection?, ICrossAccountResources> resources,
        CancellationToken cancellationToken,
        Func<ResolvedConnection, AwsConnection>? connect = null)
    {
        connect ??= resolved => resolved.ToConnection();
        if (grant is null) throw new ArgumentNullException(nameof(grant));
        if (connections is null) throw new ArgumentNullException(nameof(connections));
        var registry = connections.Registry;
        var training = connections.Training;
        var warnings = new List<string>();
        if (registry != null) await RequireAccountAsync(registry, connect(registry), grant.RegistryAccountId, "RegistryCredential", "registry", accountOf,
            cancellationToken).ConfigureAwait(false);
        if (training != null) await RequireAccountAsync(training, connect(training), grant.TrainingAccountId, "TrainingCredential", "training", accountOf,
            cancellationToken).ConfigureAwait(false);
        if (connections.Common is { } common)
        {
            var account = await accountOf(connect(common), cancellationToken).ConfigureAwait(false);
            if (account == grant.RegistryAccountId) registry ??= common;
            else if (account == grant.TrainingAccountId) training ??= common;
            else if (registry == null && training == null)
            {
                throw new ModelRegistryException(ErrorIds.CredentialsOfUnrelatedAccount, ErrorKind.AccessDenied,
                    $"The credentials from {common.CredentialSource} belong to account {account}, which is neither the registry account {grant.RegistryAccountId} nor the training account {grant.TrainingAccountId}.",
                    value: account);
            }
            else
            {
                warnings.Add($"The credentials from {common.CredentialSource} belong to account {account}, which is neither side; they are not used.");
            }
        }

        return new CrossAccountAccess(grant, registry != null, training != null, warnings,
            resources(registry == null ? null : connect(registry), training == null ? null : connect(training)));
    }

    /// <summary>What granting would change: our statements merged into each policy, and the KMS grant.
    /// Warns when an existing Deny would override what the grant adds.</summary>
    public async Task<ChangePlan> PlanGrantAsync(CancellationToken cancellationToken)
    {
        var planned = await PlanAsync(granting: true, cancellationToken).ConfigureAwait(false);
        var warnings = planned
            .Select(p => p.Change)
            .Where(change => change.ResourceKind != ResourceKind.KmsGrant && change.ChangeStatus == ResourceChangeStatus.WillChange && change.ProposedPolicy != null)
            .SelectMany(change => CrossAccountPlanner.MissingPermissions(Grant, change.ResourceKind, PolicyDocument.Parse(change.ProposedPolicy!))
                .Select(missing => $"The {change.Resource} of {change.Target} denies {missing} even after this grant: another statement (an explicit Deny) overrides it. {TestCommand} will report it failed."));
        return new ChangePlan(planned, Warnings.Concat(warnings));
    }

    /// <summary>What revoking would change: only this set-up's statements and grant go.</summary>
    public async Task<ChangePlan> PlanRevokeAsync(CancellationToken cancellationToken) =>
        new(await PlanAsync(granting: false, cancellationToken).ConfigureAwait(false), Warnings);

    /// <summary>Whether each resource lets the other account in, judged by evaluating its policy (or grants) as the service would.</summary>
    public async Task<IReadOnlyList<AccessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<AccessCheck>();
        foreach (var resource in Resources)
        {
            checks.Add(await CheckAsync(resource, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    /// <summary>The closing warning for <paramref name="checks"/>: the places left to another account's
    /// administrator and the command they run, as Grant and Revoke say for a skipped side.</summary>
    public static IReadOnlyList<string> Summarize(IReadOnlyList<AccessCheck> checks)
    {
        if (checks is null) throw new ArgumentNullException(nameof(checks));
        var notChecked = checks.Where(check => check.CheckResult == AccessCheckResult.NotChecked).ToList();
        return notChecked.Count == 0
            ? Array.Empty<string>()
            : new[]
            {
                $"Not checked: {string.Join(", ", notChecked.Select(check => check.Resource))} of account {notChecked[0].AccountId}: no credentials for it were given. Its administrator runs:\n{notChecked[0].Command}",
            };
    }

    public void Dispose() => (_resources as IDisposable)?.Dispose();

    private async Task<IReadOnlyList<PlannedChange>> PlanAsync(bool granting, CancellationToken cancellationToken)
    {
        var planned = new List<PlannedChange>();
        foreach (var resource in Resources)
        {
            if (!HasSide(resource))
            {
                planned.Add(ChangePlanner.Final(new ResourceChange(
                    resource, Grant.AccountOf(resource), Grant.TargetOf(resource), ResourceChangeStatus.Skipped, null, null, string.Empty,
                    NoCredentials(resource), Grant.CommandLine(granting ? GrantCommand : RevokeCommand))));
            }
            else if (resource == ResourceKind.KmsGrant)
            {
                var grant = _resources.KmsGrant();
                var wanted = granting ? grant.Wanted(CrossAccountStatements.KmsGrantOperations) : null;
                planned.Add(await ChangePlanner.PlanAsync(grant, _ => wanted, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                planned.Add(await ChangePlanner.PlanAsync(_resources.PolicyOf(resource), CrossAccountPlanner.Propose(Grant, resource, granting),
                    cancellationToken).ConfigureAwait(false));
            }
        }

        return planned;
    }

    private async Task<AccessCheck> CheckAsync(ResourceKind resource, CancellationToken cancellationToken)
    {
        var account = Grant.AccountOf(resource);
        var target = Grant.TargetOf(resource);
        var fix = Grant.CommandLine(GrantCommand);
        if (!HasSide(resource))
        {
            return new AccessCheck(resource, account, target, AccessCheckResult.NotChecked, Array.Empty<string>(), NoCredentials(resource),
                Grant.CommandLine(TestCommand));
        }

        try
        {
            var missing = resource == ResourceKind.KmsGrant
                ? await MissingGrantOperationsAsync(cancellationToken).ConfigureAwait(false)
                : CrossAccountPlanner.MissingPermissions(Grant, resource,
                    await _resources.PolicyOf(resource).ReadAsync(cancellationToken).ConfigureAwait(false));
            var grantee = CrossAccountGrant.SideOf(resource) == AccountSide.Training ? Grant.RegistryAccountId : Grant.TrainingAccountId;
            return missing.Count == 0
                ? new AccessCheck(resource, account, target, AccessCheckResult.Passed, missing, $"Account {grantee} has every permission it needs here.", null)
                : new AccessCheck(resource, account, target, AccessCheckResult.Failed, missing, $"Account {grantee} lacks: {string.Join("; ", missing)}.", fix);
        }
        catch (Exception e) when (AwsErrors.IsAwsFailure(e, cancellationToken.IsCancellationRequested) || e is PolicyFormatException)
        {
            return new AccessCheck(resource, account, target, AccessCheckResult.Failed, Array.Empty<string>(),
                "Could not be checked: " + AwsErrors.Describe(e), fix);
        }
    }

    private async Task<IReadOnlyList<string>> MissingGrantOperationsAsync(CancellationToken cancellationToken)
    {
        // Any grant to the registry account counts, not only ours: a hand-made one gives the same access.
        var grants = await _resources.KmsGrant().ReadGranteeGrantsAsync(cancellationToken).ConfigureAwait(false);
        var granted = new HashSet<string>(grants.SelectMany(grant => grant.Operations), StringComparer.Ordinal);
        return CrossAccountStatements.KmsGrantOperations
            .Where(operation => !granted.Contains(operation))
            .Select(operation => $"kms:{operation} on {Grant.KmsKeyArn} (grant)")
            .ToArray();
    }

    private bool HasSide(ResourceKind resource) => CrossAccountGrant.SideOf(resource) == AccountSide.Registry ? _hasRegistry : _hasTraining;

    private string NoCredentials(ResourceKind resource) =>
        $"No credentials for the {CrossAccountGrant.SideOf(resource).ToString().ToLowerInvariant()} account {Grant.AccountOf(resource)} were given: its administrator runs the command in Command.";

    private static async Task RequireAccountAsync(
        ResolvedConnection connection, AwsConnection client, string expectedAccount, string parameter, string side,
        Func<AwsConnection, CancellationToken, Task<string>> accountOf, CancellationToken cancellationToken)
    {
        var account = await accountOf(client, cancellationToken).ConfigureAwait(false);
        if (account != expectedAccount)
        {
            throw ModelRegistryException.InvalidArgument(ErrorIds.CredentialAccountMismatch, parameter, account,
                $"-{parameter}: the credentials from {connection.CredentialSource} belong to account {account}, not to the {side} account {expectedAccount}.");
        }
    }

    private static async Task<string> AccountOfAsync(AwsConnection connection, CancellationToken cancellationToken)
    {
        using var sts = AwsClientFactory.CreateStsClient(connection);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        return identity.Account;
    }
}
