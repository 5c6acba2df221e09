using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// Plans, checks and (through <see cref="ResourceChange.ApplyAsync"/>) applies a cross-account
/// set-up in the accounts it has connections for. A side without a connection is reported as
/// skipped with the command its administrator runs, never guessed at.
/// </summary>
public sealed class CrossAccountAccess : IDisposable
{
    private readonly AwsConnection? _registry;
    private readonly AwsConnection? _training;
    private RegistryClient? _registryClient;
    private ContainerRegistryClient? _containerClient;
    private AmazonS3Client? _s3Client;
    private AmazonKeyManagementServiceClient? _kmsClient;

    /// <param name="registry">Credentials of the registry account, or null to leave its side to its administrator.</param>
    /// <param name="training">Credentials of the training account, or null to leave its side to its administrator.</param>
    public CrossAccountAccess(CrossAccountGrant grant, AwsConnection? registry, AwsConnection? training)
    {
        Grant = grant ?? throw new ArgumentNullException(nameof(grant));
        _registry = registry;
        _training = training;
    }

    /// <summary>The four places, training account first: the group policy lets versions in only once their image and data are readable.</summary>
    public static IReadOnlyList<CrossAccountResource> Resources { get; } = new[]
    {
        CrossAccountResource.RepositoryPolicy, CrossAccountResource.BucketPolicy, CrossAccountResource.KmsGrant, CrossAccountResource.ModelGroupPolicy,
    };

    public CrossAccountGrant Grant { get; }

    /// <summary>What granting would change on <paramref name="resource"/>.</summary>
    /// <param name="otherSideCommand">Shown on a skipped change: what the owning account's administrator runs.</param>
    public Task<ResourceChange> PlanGrantAsync(CrossAccountResource resource, string otherSideCommand, CancellationToken cancellationToken) =>
        PlanAsync(resource, granting: true, otherSideCommand, cancellationToken);

    /// <summary>What revoking would change on <paramref name="resource"/>: only this set-up's statements and grant go.</summary>
    public Task<ResourceChange> PlanRevokeAsync(CrossAccountResource resource, string otherSideCommand, CancellationToken cancellationToken) =>
        PlanAsync(resource, granting: false, otherSideCommand, cancellationToken);

    /// <summary>Whether <paramref name="resource"/> lets the other account in, judged by evaluating its policy (or grants).</summary>
    /// <param name="fixCommand">Shown on a failed check.</param>
    /// <param name="otherSideCommand">Shown when the resource's account has no connection.</param>
    public async Task<AccessCheck> CheckAsync(CrossAccountResource resource, string fixCommand, string otherSideCommand, CancellationToken cancellationToken)
    {
        var account = Grant.AccountOf(resource);
        var target = Grant.TargetOf(resource);
        var side = CrossAccountGrant.SideOf(resource);
        if (ConnectionFor(side) is null)
        {
            return new AccessCheck(resource, account, target, AccessCheckResult.NotChecked, Array.Empty<string>(), NoCredentials(side, account), otherSideCommand);
        }

        try
        {
            var missing = resource == CrossAccountResource.KmsGrant
                ? await MissingGrantOperationsAsync(cancellationToken).ConfigureAwait(false)
                : CrossAccountPlanner.MissingPermissions(Grant, resource, await PolicyOf(resource).ReadAsync(cancellationToken).ConfigureAwait(false));
            var grantee = side == AccountSide.Training ? Grant.RegistryAccountId : Grant.TrainingAccountId;
            return missing.Count == 0
                ? new AccessCheck(resource, account, target, AccessCheckResult.Passed, missing, $"Account {grantee} has every permission it needs here.", null)
                : new AccessCheck(resource, account, target, AccessCheckResult.Failed, missing, $"Account {grantee} lacks: {string.Join("; ", missing)}.", fixCommand);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            return new AccessCheck(resource, account, target, AccessCheckResult.Failed, Array.Empty<string>(), "Could not be checked: " + ResourceChange.Describe(e), fixCommand);
        }
    }

    public void Dispose()
    {
        _registryClient?.Dispose();
        _containerClient?.Dispose();
        _s3Client?.Dispose();
        _kmsClient?.Dispose();
    }

    private async Task<ResourceChange> PlanAsync(CrossAccountResource resource, bool granting, string otherSideCommand, CancellationToken cancellationToken)
    {
        var account = Grant.AccountOf(resource);
        var target = Grant.TargetOf(resource);
        var side = CrossAccountGrant.SideOf(resource);
        if (ConnectionFor(side) is null)
        {
            return ResourceChange.Skipped(resource, account, target, NoCredentials(side, account), otherSideCommand);
        }

        try
        {
            if (resource == CrossAccountResource.KmsGrant)
            {
                var grants = KeyGrants();
                var current = await grants.ListAsync(Grant.RegistryPrincipal, cancellationToken).ConfigureAwait(false);
                var wanted = granting ? CrossAccountStatements.KmsGrantOperations : null;
                return ResourceChange.ForGrant(account, target, new KmsGrantChange(grants, Grant.KmsGrantName, Grant.RegistryPrincipal, wanted, current));
            }

            var place = PolicyOf(resource);
            var policy = await place.ReadAsync(cancellationToken).ConfigureAwait(false);
            return CrossAccountPlanner.Plan(Grant, resource, policy, granting, place);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            return ResourceChange.Failed(resource, account, target, e);
        }
    }

    private async Task<IReadOnlyList<string>> MissingGrantOperationsAsync(CancellationToken cancellationToken)
    {
        var grants = await KeyGrants().ListAsync(Grant.RegistryPrincipal, cancellationToken).ConfigureAwait(false);
        var granted = new HashSet<string>(grants.SelectMany(grant => grant.Operations), StringComparer.Ordinal);
        return CrossAccountStatements.KmsGrantOperations
            .Where(operation => !granted.Contains(operation))
            .Select(operation => $"kms:{operation} on {Grant.KmsKeyArn} (grant)")
            .ToArray();
    }

    private IResourcePolicy PolicyOf(CrossAccountResource resource) => resource switch
    {
        CrossAccountResource.RepositoryPolicy => new RepositoryPolicy(_containerClient ??= new ContainerRegistryClient(_training!), Grant.RepositoryName),
        CrossAccountResource.BucketPolicy => new BucketPolicy(_s3Client ??= AwsClientFactory.CreateS3Client(_training!), Grant.BucketName),
        _ => new ModelGroupPolicy(_registryClient ??= new RegistryClient(_registry!), Grant.ModelGroupName),
    };

    private KeyGrants KeyGrants() => new(_kmsClient ??= AwsClientFactory.CreateKmsClient(_training!), Grant.KmsKeyArn);

    private AwsConnection? ConnectionFor(AccountSide side) => side == AccountSide.Registry ? _registry : _training;

    private static string NoCredentials(AccountSide side, string account) =>
        $"No credentials for the {side.ToString().ToLowerInvariant()} account {account} were given: its administrator runs the command in Command.";

    private static bool IsServiceFailure(Exception e) =>
        e is AmazonServiceException || e is AmazonClientException || e is PolicyFormatException;
}
