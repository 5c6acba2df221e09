using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Client;

/// <summary>One listed version, a version that could not be described, or something the caller should be told.</summary>
public sealed class ListedVersion
{
    private ListedVersion(ModelVersionSummary? version, BatchDescribeError? error, string? warning)
    {
        Version = version;
        Error = error;
        Warning = warning;
    }

    public ModelVersionSummary? Version { get; }
    public BatchDescribeError? Error { get; }
    public string? Warning { get; }

    internal static ListedVersion Of(ModelVersionSummary version) => new(version, null, null);
    internal static ListedVersion Failed(BatchDescribeError error) => new(null, error, null);
    internal static ListedVersion Warn(string warning) => new(null, null, warning);
}

/// <summary>A group's versions, streamed page by page as the caller reads: filtered by number,
/// only the newest, or detailed (artifact locations from BatchDescribeModelPackage, one call per
/// 100 versions instead of one describe per version). Versions named singly (by number, or the
/// newest) come fully described. The caller stops paging by stopping reading.</summary>
public sealed class ModelVersionListing
{
    /// <summary>How many single describes run at once when batch description is not available.</summary>
    internal const int DescribeConcurrency = 4;

    private readonly SageMakerClient _client;
    private bool _batchUnavailable;

    public ModelVersionListing(SageMakerClient client) => _client = client;

    /// <summary>Server-side filters and sort; the group is given per listing.</summary>
    public ModelVersionQuery Query { get; set; } = new();

    /// <summary>Only these version numbers.</summary>
    public ICollection<int>? Versions { get; set; }

    /// <summary>Only the newest matching version.</summary>
    public bool LatestOnly { get; set; }

    /// <summary>Adds the inference specification (BatchDescribeModelPackage: containers, content and
    /// instance types, not metadata or metrics); falls back to one describe per version where batch
    /// description is not available.</summary>
    public bool Detailed { get; set; }

    /// <summary>Only versions in this lifecycle stage (ModelLifeCycle.Stage, case-insensitive).
    /// ListModelPackages has no such filter: the summaries are filtered here, as they arrive.</summary>
    public string? Stage { get; set; }

    /// <summary>Told how many versions have been listed so far, every 100.</summary>
    public Action<int>? Progress { get; set; }

    public async IAsyncEnumerable<ListedVersion> ListAsync(string group, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new ModelVersionQuery
        {
            GroupName = group,
            ApprovalStatus = Query.ApprovalStatus,
            NameContains = Query.NameContains,
            CreationTimeAfter = Query.CreationTimeAfter,
            CreationTimeBefore = Query.CreationTimeBefore,
            ModelPackageType = Query.ModelPackageType,
            SortBy = LatestOnly ? "CreationTime" : Query.SortBy,
            SortOrder = LatestOnly ? "Descending" : Query.SortOrder,
            // One item is enough for -Latest, unless -Version or -Stage filters the pages on this side.
            PageSize = LatestOnly && Versions == null && Stage == null ? 1 : SageMakerClient.MaxPageSize,
        };
        var wanted = Versions == null ? null : new HashSet<int>(Versions);
        var pending = new List<ModelVersionSummary>();
        var listed = 0;
        var found = new HashSet<int>();

        await foreach (var summary in _client.ListModelPackagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (wanted != null && (summary.Version is not int number || !wanted.Contains(number))) continue;
            if (Stage != null && !string.Equals(summary.Stage, Stage, StringComparison.OrdinalIgnoreCase)) continue;
            if (summary.Version is int seen) found.Add(seen);
            if (++listed % 100 == 0) Progress?.Invoke(listed);
            pending.Add(summary);
            if (!Detailed || pending.Count == SageMakerClient.BatchDescribeLimit)
                foreach (var item in await FlushAsync(pending, cancellationToken).ConfigureAwait(false)) yield return item;
            // Version numbers are unique in a group: once each wanted one is seen, stop paging.
            if (LatestOnly || listed == wanted?.Count) break;
        }
        foreach (var item in await FlushAsync(pending, cancellationToken).ConfigureAwait(false)) yield return item;

        // An empty listing of a group that does not exist is an error (thrown here), not "no versions".
        if (listed == 0) await _client.DescribeModelPackageGroupAsync(group, cancellationToken).ConfigureAwait(false);

        // A number asked for by name that the group does not have is said, not skipped (-Latest stops
        // paging at the newest one wanted, so the older ones went unseen, not missing).
        if (wanted != null && !LatestOnly && Stage == null && Query.ApprovalStatus == null && Query.CreationTimeAfter == null && Query.CreationTimeBefore == null)
        {
            foreach (var missing in wanted.Where(number => !found.Contains(number)).OrderBy(number => number))
            {
                yield return ListedVersion.Failed(new BatchDescribeError($"{group}/{missing}", ErrorIds.NoModelVersion,
                    $"Model group '{group}' has no version {missing}."));
            }
        }
    }

    private async Task<IReadOnlyList<ListedVersion>> FlushAsync(List<ModelVersionSummary> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0) return Array.Empty<ListedVersion>();
        var listed = new List<ListedVersion>(pending.Count + 1);
        if (LatestOnly || Versions != null)
        {
            listed.AddRange(await DescribeEachAsync(pending, withTags: true, cancellationToken).ConfigureAwait(false));
        }
        else if (Detailed && !_batchUnavailable)
        {
            try
            {
                var result = await _client.BatchDescribeModelPackageAsync(pending.Select(v => v.Arn), cancellationToken).ConfigureAwait(false);
                var byArn = result.Versions.ToDictionary(v => v.Arn, StringComparer.Ordinal);
                listed.AddRange(pending.Select(summary => ListedVersion.Of(byArn.TryGetValue(summary.Arn, out var detailed) ? WithListedMembers(detailed,
                    summary) : summary)));
                listed.AddRange(result.Errors.Select(ListedVersion.Failed));
            }
            catch (AmazonServiceException e) when (IsUnsupported(e))
            {
                _batchUnavailable = true;
                listed.Add(ListedVersion.Warn(
                    $"This endpoint does not offer BatchDescribeModelPackage ({e.ErrorCode}): each version is described on its own, {DescribeConcurrency} at a time."));
                listed.AddRange(await DescribeEachAsync(pending, withTags: false, cancellationToken).ConfigureAwait(false));
            }
        }
        else if (Detailed)
        {
            listed.AddRange(await DescribeEachAsync(pending, withTags: false, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            listed.AddRange(pending.Select(ListedVersion.Of));
        }
        pending.Clear();
        return listed;
    }

    // The batch summary lacks members the listing has (ModelLifeCycle, ModelPackageName): keep them.
    private static ModelVersionSummary WithListedMembers(ModelVersionSummary detailed, ModelVersionSummary listed)
    {
        var json = listed.ToJson();
        foreach (var member in detailed.ToJson()) json[member.Key] = member.Value?.DeepClone();
        return ModelVersionSummary.FromJson(json);
    }

    /// <summary>DescribeModelPackage for each, a few at a time, in the listing's order.</summary>
    private async Task<IEnumerable<ListedVersion>> DescribeEachAsync(IReadOnlyList<ModelVersionSummary> versions, bool withTags,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(DescribeConcurrency);
        // Each on the thread pool: a call made on a cmdlet's own thread is sent on that thread, one at a time.
        var described = versions.Select(summary => Task.Run(async () =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return ListedVersion.Of(withTags
                    ? await _client.GetModelVersionAsync(summary.Arn, cancellationToken).ConfigureAwait(false)
                    : await _client.DescribeModelPackageAsync(summary.Arn, cancellationToken).ConfigureAwait(false));
            }
            catch (AmazonServiceException e)
            {
                // One version gone or unreadable does not lose the others.
                return ListedVersion.Failed(new BatchDescribeError(summary.Arn, e.ErrorCode ?? "AwsServiceError", e.Message));
            }
            finally
            {
                slots.Release();
            }
        }, cancellationToken)).ToList();
        return await Task.WhenAll(described).ConfigureAwait(false);
    }

    /// <summary>The endpoint lacks the operation (a mock, an older emulator), as opposed to failing it.</summary>
    private static bool IsUnsupported(AmazonServiceException e) =>
        e.ErrorCode is "UnknownOperationException" or "InvalidAction" or "NotImplemented" or "UnsupportedOperation"
        || e.StatusCode is System.Net.HttpStatusCode.NotImplemented or System.Net.HttpStatusCode.NotFound;
}
