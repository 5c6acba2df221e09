using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>
/// The SageMaker Model Registry operations, typed. Every input is validated against the service
/// model before it is sent; service errors surface as <see cref="AmazonServiceException"/>.
/// </summary>
public sealed class SageMakerClient : ValidatedJsonClient
{
    /// <summary>BatchDescribeModelPackage takes at most this many ARNs (ModelPackageArnList max).</summary>
    public const int BatchDescribeLimit = 100;

    /// <summary>MaxResults of ListModelPackages and ListModelPackageGroups at most (their default page is 10).</summary>
    public const int MaxPageSize = 100;

    public SageMakerClient(AwsConnection connection)
        : base(JsonServiceDescriptor.SageMaker, new JsonServiceClient(JsonServiceDescriptor.SageMaker, connection))
    {
    }

    /// <returns>The new group's ARN.</returns>
    public async Task<string> CreateModelPackageGroupAsync(string groupName, string? description, IEnumerable<ResourceTag>? tags,
        CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["ModelPackageGroupName"] = groupName };
        WireJson.Set(input, "ModelPackageGroupDescription", description);
        SetTags(input, "Tags", tags);
        var output = await CallAsync("CreateModelPackageGroup", input, cancellationToken).ConfigureAwait(false);
        return JsonMemberPath.Show(output["ModelPackageGroupArn"]) ?? string.Empty;
    }

    public async Task<ModelGroup> DescribeModelPackageGroupAsync(string groupName, CancellationToken cancellationToken) =>
        ModelGroup.FromJson(await CallAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = groupName },
            cancellationToken).ConfigureAwait(false));

    /// <summary>Every group matching <paramref name="query"/>, fetching further pages as the caller reads.</summary>
    public IAsyncEnumerable<ModelGroup> ListModelPackageGroupsAsync(ModelGroupQuery? query, CancellationToken cancellationToken) =>
        JsonPager.ItemsAsync(Call("ListModelPackageGroups"), (query ?? new ModelGroupQuery()).ToJson(), "ModelPackageGroupSummaryList", "NextToken",
            ModelGroup.FromJson, cancellationToken);

    /// <summary>Creates a group and returns it as described, with the tags just sent. When the create's answer was
    /// lost and the SDK's retry found the group there with the description and tags sent, the first attempt made it: the
    /// group is returned and <paramref name="warn"/> told (CreateModelPackageGroup has no idempotency token).</summary>
    public async Task<ModelGroup> NewModelGroupAsync(string groupName, string? description, IReadOnlyCollection<ResourceTag>? tags,
        CancellationToken cancellationToken, Action<string>? warn = null)
    {
        try
        {
            await CreateModelPackageGroupAsync(groupName, description, tags, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (CallTrace.AnswerWasLost(e) && AwsErrors.IsAlreadyExists(e))
        {
            // A dropped attempt may never have reached the service: the group found is then an older one, and only
            // the description and the tags sent (what the returned group claims) tell the two apart.
            var found = await GetModelGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
            if ((found.Description ?? "") != (description ?? "") || !SameTags(found.Tags, TagMap(tags))) throw;
            warn?.Invoke($"The answer to CreateModelPackageGroup was lost and the retry found group '{groupName}' with the description and tags sent: " +
                         "taken as created by the first attempt, or there already as asked.");
            return found;
        }

        var group = await DescribeModelPackageGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        group.Tags = TagMap(tags);
        return group;
    }

    private static bool SameTags(IReadOnlyDictionary<string, string>? found, StringMap sent) =>
        found is not null && found.Count == sent.Count && sent.All(tag => found.TryGetValue(tag.Key, out var value) && value == tag.Value);

    /// <summary>A group with its tags (DescribeModelPackageGroup and ListTags).</summary>
    public async Task<ModelGroup> GetModelGroupAsync(string groupName, CancellationToken cancellationToken)
    {
        var group = await DescribeModelPackageGroupAsync(groupName, cancellationToken).ConfigureAwait(false);
        group.Tags = await TagsOfAsync(group.Arn, cancellationToken).ConfigureAwait(false);
        return group;
    }

    /// <summary>A version with its tags (DescribeModelPackage and ListTags).</summary>
    public async Task<ModelVersion> GetModelVersionAsync(string arn, CancellationToken cancellationToken)
    {
        var version = await DescribeModelPackageAsync(arn, cancellationToken).ConfigureAwait(false);
        version.Tags = await TagsOfAsync(version.Arn, cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>Tags as a map (an empty one for none).</summary>
    public static StringMap TagMap(IEnumerable<ResourceTag>? tags)
    {
        var map = new StringMap();
        foreach (var tag in tags ?? Enumerable.Empty<ResourceTag>()) map[tag.Key] = tag.Value; // The last of a repeated key wins.
        return map;
    }

    /// <summary>A resource's tags as a map (a StringMap, so CSV and text show the pairs as for a new resource);
    /// null when this account may not list them (a cross-account registrant).</summary>
    private async Task<IReadOnlyDictionary<string, string>?> TagsOfAsync(string arn, CancellationToken cancellationToken)
    {
        var tags = new StringMap();
        try
        {
            await foreach (var tag in JsonPager.ItemsAsync(Call("ListTags"), new JsonObject { ["ResourceArn"] = arn, ["MaxResults"] = 100 }, "Tags",
                "NextToken", ResourceTag.FromJson, cancellationToken).ConfigureAwait(false))
            {
                tags[tag.Key] = tag.Value;
            }
        }
        catch (AmazonServiceException e) when (AwsErrors.Classify(e) == ErrorKind.AccessDenied)
        {
            return null;
        }

        return tags;
    }

    /// <summary>Deletes a group; see <see cref="DeleteModelPackageAsync"/> for a lost answer.</summary>
    public Task DeleteModelPackageGroupAsync(string groupName, CancellationToken cancellationToken, Action<string>? warn = null) =>
        DeleteAsync("DeleteModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = groupName }, $"group '{groupName}'", warn, cancellationToken);

    /// <summary>
    /// Registers a new version. Always sends a ClientToken (the request's, or a new GUID for this call)
    /// so an SDK retry after a lost response cannot register a second version.
    /// </summary>
    /// <returns>The new version's ARN.</returns>
    public async Task<string> CreateModelPackageAsync(ModelVersionRequest request, CancellationToken cancellationToken)
    {
        var input = request.ToJson();
        if (string.IsNullOrEmpty(JsonMemberPath.Show(input["ClientToken"])))
        {
            input["ClientToken"] = Guid.NewGuid().ToString();
        }

        var output = await CallAsync("CreateModelPackage", input, cancellationToken).ConfigureAwait(false);
        return JsonMemberPath.Show(output["ModelPackageArn"]) ?? string.Empty;
    }

    /// <param name="modelPackageName">A version ARN (or an unversioned package name).</param>
    public async Task<ModelVersion> DescribeModelPackageAsync(string modelPackageName, CancellationToken cancellationToken) =>
        ModelVersion.FromJson(await CallAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = modelPackageName },
            cancellationToken).ConfigureAwait(false));

    /// <summary>Every version matching <paramref name="query"/>, fetching further pages as the caller reads.</summary>
    public IAsyncEnumerable<ModelVersionSummary> ListModelPackagesAsync(ModelVersionQuery? query, CancellationToken cancellationToken) =>
        JsonPager.ItemsAsync(Call("ListModelPackages"), (query ?? new ModelVersionQuery()).ToJson(), "ModelPackageSummaryList", "NextToken",
            ModelVersionSummary.FromJson, cancellationToken);

    /// <returns>The updated version's ARN.</returns>
    public async Task<string> UpdateModelPackageAsync(ModelVersionUpdate update, CancellationToken cancellationToken)
    {
        var output = await CallAsync("UpdateModelPackage", update.ToJson(), cancellationToken).ConfigureAwait(false);
        return JsonMemberPath.Show(output["ModelPackageArn"]) ?? update.Arn;
    }

    /// <summary>The ARN of version <paramref name="version"/> of <paramref name="group"/> (a name or
    /// ARN), or of its newest version when <paramref name="version"/> is null.</summary>
    /// <exception cref="ModelRegistryException">NoModelVersion: the group has no versions.</exception>
    public async Task<string> FindVersionArnAsync(string group, int? version, CancellationToken cancellationToken)
    {
        if (version is int number)
        {
            // A version ARN names the account, which a group name does not.
            var groupArn = RegistryArn.TryParse(group, out var given) && given!.IsModelGroup
                ? given
                : RegistryArn.Parse((await DescribeModelPackageGroupAsync(group, cancellationToken).ConfigureAwait(false)).Arn);
            return RegistryArn.ForVersion(groupArn.Region, groupArn.AccountId, groupArn.GroupName, number, groupArn.Partition).ToString();
        }

        var newest = new ModelVersionQuery { GroupName = group, SortBy = "CreationTime", SortOrder = "Descending", PageSize = 1 };
        await foreach (var summary in ListModelPackagesAsync(newest, cancellationToken).ConfigureAwait(false))
        {
            return summary.Arn;
        }

        // An empty listing of a group that does not exist throws the service's error here.
        await DescribeModelPackageGroupAsync(group, cancellationToken).ConfigureAwait(false);
        throw new ModelRegistryException(ErrorIds.NoModelVersion, ErrorKind.NotFound, $"-GroupName: model group '{group}' has no versions.", "GroupName",
            group);
    }

    /// <summary>Updates a version, then describes it when <paramref name="describe"/> (what -PassThru shows).</summary>
    /// <returns>The version as it is after the change, or null without <paramref name="describe"/>.</returns>
    public async Task<ModelVersion?> UpdateModelVersionAsync(ModelVersionUpdate update, bool describe, CancellationToken cancellationToken)
    {
        var arn = await UpdateModelPackageAsync(update, cancellationToken).ConfigureAwait(false);
        return describe ? await GetModelVersionAsync(arn, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Registers a version and describes it. A cross-account group policy may allow
    /// CreateModelPackage but not DescribeModelPackage: the version exists then, so it is reported
    /// from what was sent, with a warning, rather than as a failure (a rerun would register another).</summary>
    public async Task<ModelVersionRegistration> RegisterModelVersionAsync(ModelVersionRequest request, CancellationToken cancellationToken)
    {
        var arn = await CreateModelPackageAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var version = await DescribeModelPackageAsync(arn, cancellationToken).ConfigureAwait(false);
            // A new version's tags are the ones just sent: no ListTags call needed.
            version.Tags = TagMap(request.Tags);
            return new ModelVersionRegistration(version, null);
        }
        catch (AmazonServiceException e) when (AwsErrors.Classify(e) == ErrorKind.AccessDenied)
        {
            return new ModelVersionRegistration(
                ModelVersion.FromRegistration(arn, request),
                $"Registered {arn}, but this account may not describe it ({e.ErrorCode}); the output shows what was sent.");
        }
    }

    /// <summary>Deletes a version. When the delete's answer was lost and the SDK's retry found nothing, the first
    /// attempt removed it (or it was already gone): that is not an error, and <paramref name="warn"/> is told.</summary>
    public Task DeleteModelPackageAsync(string modelPackageName, CancellationToken cancellationToken, Action<string>? warn = null) =>
        DeleteAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = modelPackageName }, modelPackageName, warn, cancellationToken);

    private async Task DeleteAsync(string operation, JsonObject input, string what, Action<string>? warn, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(operation, input, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (CallTrace.AnswerWasLost(e) && AwsErrors.Classify(e) == ErrorKind.NotFound)
        {
            warn?.Invoke($"The answer to {operation} was lost and the retry found no {what}: removed by the first attempt, or already gone.");
        }
    }

    /// <summary>
    /// Describes many versions (with their inference specifications) in calls of at most
    /// <see cref="BatchDescribeLimit"/> ARNs; per-ARN failures are returned, not thrown.
    /// </summary>
    public async Task<BatchDescribeResult> BatchDescribeModelPackageAsync(IEnumerable<string> arns, CancellationToken cancellationToken)
    {
        var versions = new List<ModelVersionSummary>();
        var errors = new List<BatchDescribeError>();
        foreach (var chunk in Chunk(arns.Distinct(StringComparer.Ordinal), BatchDescribeLimit))
        {
            var input = new JsonObject { ["ModelPackageArnList"] = new JsonArray(chunk.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()) };
            var output = await CallAsync("BatchDescribeModelPackage", input, cancellationToken).ConfigureAwait(false);
            if (output["ModelPackageSummaries"] is JsonObject summaries)
            {
                versions.AddRange(chunk.Where(summaries.ContainsKey).Select(arn => summaries[arn]).OfType<JsonObject>().Select(ModelVersionSummary.FromJson));
            }

            if (output["BatchDescribeModelPackageErrorMap"] is JsonObject failures)
            {
                errors.AddRange(failures.Select(f => new BatchDescribeError(
                    f.Key, JsonMemberPath.Show(f.Value?["ErrorCode"]) ?? string.Empty, JsonMemberPath.Show(f.Value?["ErrorResponse"]) ?? string.Empty)));
            }
        }

        return new BatchDescribeResult(versions, errors);
    }

    /// <summary>Replaces the group's resource policy with <paramref name="policy"/> (JSON text).</summary>
    public Task PutModelPackageGroupPolicyAsync(string groupName, string policy, CancellationToken cancellationToken) =>
        CallAsync("PutModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = groupName, ["ResourcePolicy"] = policy }, cancellationToken);

    public async Task<string> GetModelPackageGroupPolicyAsync(string groupName, CancellationToken cancellationToken)
    {
        var output = await CallAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = groupName },
            cancellationToken).ConfigureAwait(false);
        return JsonMemberPath.Show(output["ResourcePolicy"]) ?? string.Empty;
    }

    public Task DeleteModelPackageGroupPolicyAsync(string groupName, CancellationToken cancellationToken) =>
        CallAsync("DeleteModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = groupName }, cancellationToken);

    private static void SetTags(JsonObject input, string member, IEnumerable<ResourceTag>? tags)
    {
        if (tags is not null)
        {
            input[member] = new JsonArray(tags.Select(t => (JsonNode?)t.ToJson()).ToArray());
        }
    }

    private static IEnumerable<List<string>> Chunk(IEnumerable<string> items, int size)
    {
        var chunk = new List<string>(size);
        foreach (var item in items)
        {
            chunk.Add(item);
            if (chunk.Count == size)
            {
                yield return chunk;
                chunk = new List<string>(size);
            }
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
