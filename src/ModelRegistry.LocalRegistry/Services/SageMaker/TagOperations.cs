using System.Globalization;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>AddTags, ListTags and DeleteTags on model package groups and model packages.</summary>
internal static class TagOperations
{
    private const int MaxTagsPerResource = 50;
    private const int DefaultMaxResults = 50;

    public static JsonObject Add(SageMakerRequest request)
    {
        var (scope, arn) = FindResource(request, "AddTags");
        var tags = Merge(request.Store.FindTags(scope, arn), request.Input["Tags"]!.AsArray());
        if (tags.Count > MaxTagsPerResource)
        {
            throw new AwsServiceError("ValidationException",
                $"The resource {arn} would have {tags.Count} tags; a resource can have at most {MaxTagsPerResource}.");
        }

        request.Store.Commit([SageMakerStore.PutTags(scope, arn, tags)]);
        return new JsonObject { ["Tags"] = request.Input["Tags"]!.DeepClone() };
    }

    public static JsonObject List(SageMakerRequest request)
    {
        var (scope, arn) = FindResource(request, "ListTags");
        var items = request.Store.FindTags(scope, arn)
            .Select((tag, index) => new ListingItem(index.ToString("D6", CultureInfo.InvariantCulture), () => tag!.DeepClone().AsObject()));
        var (page, nextToken) = ListingPage.Take(items, descending: false, request.Input, "ListTags", DefaultMaxResults);
        var output = new JsonObject { ["Tags"] = new JsonArray(page.ToArray<JsonNode?>()) };
        if (nextToken is not null)
        {
            output["NextToken"] = nextToken;
        }

        return output;
    }

    public static JsonObject Delete(SageMakerRequest request)
    {
        var (scope, arn) = FindResource(request, "DeleteTags");
        var removed = request.Input["TagKeys"]!.AsArray().Select(k => (string)k!).ToHashSet(StringComparer.Ordinal);
        var kept = new JsonArray(request.Store.FindTags(scope, arn)
            .Where(t => !removed.Contains((string)t!["Key"]!))
            .Select(t => t!.DeepClone())
            .ToArray());
        request.Store.Commit([SageMakerStore.PutTags(scope, arn, kept)]);
        return [];
    }

    /// <summary>Adds tags to a tag list; a tag whose key is already there replaces its value, as AddTags does.</summary>
    public static JsonArray Merge(JsonArray existing, JsonArray added)
    {
        var merged = existing.Select(t => t!.DeepClone().AsObject()).ToList();
        foreach (var tag in added.Select(t => t!.AsObject()))
        {
            var key = (string)tag["Key"]!;
            var index = merged.FindIndex(t => (string)t["Key"]! == key);
            var copy = new JsonObject { ["Key"] = key, ["Value"] = tag["Value"]?.DeepClone() };
            if (index >= 0)
            {
                merged[index] = copy;
            }
            else
            {
                merged.Add(copy);
            }
        }

        return new JsonArray(merged.ToArray<JsonNode?>());
    }

    /// <summary>The scope and canonical ARN of a taggable resource that exists and that the caller may tag
    /// (authorized before the existence check, so other accounts learn nothing about missing resources).</summary>
    private static (string Scope, string Arn) FindResource(SageMakerRequest request, string action)
    {
        var resourceArn = request.String("ResourceArn")!;
        var (type, location) = SageMakerArns.Parse(resourceArn, request.Region);
        switch (type)
        {
            case SageMakerArns.GroupType:
                {
                    var group = request.Store.FindGroup(location);
                    var arn = SageMakerArns.Group(location);
                    request.Authorize(action, arn, location, group);
                    return group is null ? throw NotFound(resourceArn) : (location.Scope, arn);
                }

            case SageMakerArns.PackageType:
                {
                    var reference = ModelPackageReference.Resolve(resourceArn, request.Caller.AccountId, request.Region);
                    var group = reference.Group is null ? null : request.Store.FindGroup(reference.Group);
                    request.Authorize(action, reference.Arn, reference.Location, group);
                    return request.Store.FindPackage(reference.Location.Scope, reference.Key) is null
                        ? throw NotFound(resourceArn)
                        : (reference.Location.Scope, reference.Arn);
                }

            default:
                throw NotFound(resourceArn);
        }
    }

    private static AwsServiceError NotFound(string arn) => new("ValidationException", $"Resource {arn} does not exist.");
}
