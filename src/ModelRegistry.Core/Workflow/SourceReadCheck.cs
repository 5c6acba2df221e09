using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.Workflow;

/// <summary>
/// Whether the destination account of a copy may read what the copied containers refer to: each image's
/// ECR repository and each model artifact's S3 object, when they live in the source account. The
/// repository and bucket policies are read with the source's credentials and evaluated as the services
/// would (the cross-account test's evaluation); what the source's credentials cannot read is reported as
/// not checked, never guessed.
/// </summary>
public sealed class SourceReadCheck
{
    private static readonly Regex EcrImage = new(
        @"^(?<account>[0-9]{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?/(?<repository>[^:@]+)", RegexOptions.CultureInvariant);

    private static readonly Regex S3Url = new(@"^s3://(?<bucket>[^/]+)/(?<key>.*)$", RegexOptions.CultureInvariant);

    /// <summary>Pulling an image (the manifest and its layers); ecr:Describe* is not needed to deploy.</summary>
    private static readonly string[] PullActions = { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" };

    private SourceReadCheck(IReadOnlyList<string> missing, IReadOnlyList<string> notChecked, string fix)
    {
        Missing = missing;
        NotChecked = notChecked;
        Fix = fix;
    }

    /// <summary>Each permission the destination account lacks, as "action on resource (what needs it)".</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>What could not be checked, and why.</summary>
    public IReadOnlyList<string> NotChecked { get; }

    /// <summary>The command the source account's administrator runs to grant what is missing.</summary>
    public string Fix { get; }

    /// <summary>The failure to report when something is missing.</summary>
    public ModelRegistryException? Failure(string sourceArn, string destinationAccountId) => Missing.Count == 0
        ? null
        : new ModelRegistryException(ErrorIds.SourceNotReadable, ErrorKind.AccessDenied,
            $"Account {destinationAccountId} could not deploy the copy of {sourceArn}: it lacks {string.Join("; ", Missing)}. " +
            $"The source account's administrator grants it, e.g. with: {Fix}. (-SkipAccessCheck copies anyway.)",
            value: sourceArn);

    /// <param name="source">The source's connection: its credentials read the policies.</param>
    public static async Task<SourceReadCheck> RunAsync(
        InferenceSpecification? specification, string sourceAccountId, string destinationAccountId, AwsConnection source, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var notChecked = new List<string>();
        var repositories = new SortedSet<string>(StringComparer.Ordinal);
        var buckets = new SortedSet<string>(StringComparer.Ordinal);
        if (sourceAccountId == destinationAccountId || specification is null) return new SourceReadCheck(missing, notChecked, string.Empty);

        foreach (var container in specification.Containers)
        {
            if (container.Image is { } image && EcrImage.Match(image) is { Success: true } ecr && ecr.Groups["account"].Value != destinationAccountId)
            {
                var owner = ecr.Groups["account"].Value;
                var repository = ecr.Groups["repository"].Value;
                var repositoryArn = $"arn:aws:ecr:{ecr.Groups["region"].Value}:{owner}:repository/{repository}";
                repositories.Add(repository);
                if (owner != sourceAccountId)
                {
                    notChecked.Add($"{image}: its repository belongs to account {owner}, not to the source account {sourceAccountId}");
                    continue;
                }

                // The owner's registry id, as the source's credentials may belong to another account (a group policy lets them read).
                using var ecrClient = new EcrClient(InRegion(source, ecr.Groups["region"].Value));
                await CheckAsync(new RepositoryPolicy(ecrClient, repositoryArn, owner, repository, registryId: owner), PullActions, repositoryArn,
                    image).ConfigureAwait(false);
            }

            if (container.ModelDataUrl is { } url && S3Url.Match(url) is { Success: true } s3)
            {
                var bucket = s3.Groups["bucket"].Value;
                buckets.Add(bucket);
                using var s3Client = AwsClientFactory.CreateS3Client(source);
                await CheckAsync(new BucketPolicy(s3Client, sourceAccountId, bucket), new[] { "s3:GetObject" }, $"arn:aws:s3:::{bucket}/{s3.Groups["key"].Value}", url).ConfigureAwait(false);
            }
        }

        var fix = $"{CrossAccountAccess.GrantCommand} -RegistryAccountId {destinationAccountId} -TrainingAccountId {sourceAccountId}" +
                  string.Concat(repositories.Take(1).Select(r => $" -RepositoryName '{r}'")) + string.Concat(buckets.Take(1).Select(b => $" -BucketName '{b}' -WholeBucket")) +
                  " -KmsKeyId <the artifacts' key> -ModelGroupName <the source group>";
        return new SourceReadCheck(missing, notChecked, fix);

        async Task CheckAsync(PolicyResource resource, IEnumerable<string> actions, string resourceArn, string neededBy)
        {
            PolicyDocument? policy;
            try
            {
                policy = await resource.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (AwsErrors.IsAwsFailure(e, cancellationToken.IsCancellationRequested) || e is PolicyFormatException)
            {
                notChecked.Add($"{neededBy}: the policy of {resource.Target} could not be read ({AwsErrors.Describe(e)})");
                return;
            }

            var principal = CrossAccountGrant.AccountRoot(destinationAccountId);
            missing.AddRange(actions
                .Where(action => policy is null || PolicyEvaluator.Evaluate(policy, new AccessRequest(destinationAccountId, principal, action,
                    resourceArn)).Decision != PolicyDecision.Allow)
                .Select(action => $"{action} on {resourceArn} (for {neededBy})"));
        }
    }

    private static AwsConnection InRegion(AwsConnection connection, string region) =>
        new(connection.Credentials, RegionEndpoint.GetBySystemName(region), connection.EndpointUrl, connection.MaxErrorRetry, connection.Timeout);
}
