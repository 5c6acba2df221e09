using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>CreateModelPackageGroup, DescribeModelPackageGroup, ListModelPackageGroups, DeleteModelPackageGroup.</summary>
internal sealed class ModelPackageGroupOperations(AccountDirectory accounts)
{
    private const int DefaultMaxResults = 10;

    public JsonObject Create(SageMakerRequest request)
    {
        var name = request.String("ModelPackageGroupName")!;
        var location = new ResourceLocation(request.Caller.AccountId, request.Region, name.ToLowerInvariant());
        var arn = SageMakerArns.Group(location);
        if (request.Store.FindGroup(location) is not null)
        {
            throw new AwsServiceError("ValidationException", "Model Package Group already exists: " + arn);
        }

        var description = new JsonObject
        {
            ["ModelPackageGroupName"] = name,
            ["ModelPackageGroupArn"] = arn,
            ["ModelPackageGroupDescription"] = request.Input["ModelPackageGroupDescription"]?.DeepClone(),
            ["CreationTime"] = request.Now(),
            ["CreatedBy"] = request.UserContext(),
            ["ModelPackageGroupStatus"] = "Completed",
            ["ManagedConfiguration"] = request.Input["ManagedConfiguration"]?.DeepClone(),
        };
        RemoveNulls(description);

        var writes = new List<DocumentWrite> { SageMakerStore.PutGroup(location, new ModelPackageGroupRecord(description, 0, null)) };
        if (request.Input["Tags"] is JsonArray tags && tags.Count > 0)
        {
            writes.Add(SageMakerStore.PutTags(location.Scope, arn, TagOperations.Merge([], tags)));
        }

        request.Store.Commit(writes);
        return new JsonObject { ["ModelPackageGroupArn"] = arn };
    }

    public JsonObject Describe(SageMakerRequest request)
    {
        var location = request.ResolveGroup(request.String("ModelPackageGroupName")!);
        var group = request.RequireGroup(location, "DescribeModelPackageGroup");
        request.Authorize("DescribeModelPackageGroup", group.Arn, location, group);
        return group.Description.DeepClone().AsObject();
    }

    public JsonObject Delete(SageMakerRequest request)
    {
        var location = request.ResolveGroup(request.String("ModelPackageGroupName")!);
        var group = request.RequireGroup(location, "DeleteModelPackageGroup");
        request.Authorize("DeleteModelPackageGroup", group.Arn, location, group);
        if (request.Store.GroupHasPackages(location))
        {
            throw new AwsServiceError("ConflictException",
                $"Model Package Group {group.Arn} cannot be deleted because it contains model packages. Delete the model packages first.");
        }

        request.Store.Commit([SageMakerStore.DeleteGroup(location), SageMakerStore.PutTags(location.Scope, group.Arn, [])]);
        return [];
    }

    public JsonObject List(SageMakerRequest request)
    {
        var input = request.Input;
        var nameContains = request.String("NameContains");
        var after = (double?)input["CreationTimeAfter"];
        var before = (double?)input["CreationTimeBefore"];
        var byName = request.String("SortBy") == "Name";
        var descending = request.String("SortOrder") == "Descending";

        var items = GroupsVisibleTo(request)
            .Where(g => nameContains is null || g.Name.Contains(nameContains, StringComparison.OrdinalIgnoreCase))
            .Where(g => after is null || g.CreationTime > after)
            .Where(g => before is null || g.CreationTime < before)
            .Select(g => new ListingItem(
                byName ? ListingPage.NameCursor(g.Name, g.Arn) : ListingPage.TimeCursor(g.CreationTime, g.Arn),
                () => Summary(g)));

        var (page, nextToken) = ListingPage.Take(items, descending, input, "ListModelPackageGroups", DefaultMaxResults);
        var output = new JsonObject { ["ModelPackageGroupSummaryList"] = new JsonArray(page.ToArray<JsonNode?>()) };
        if (nextToken is not null)
        {
            output["NextToken"] = nextToken;
        }

        return output;
    }

    /// <summary>The caller's own groups, or with CrossAccountFilterOption=CrossAccount the groups of
    /// other accounts whose resource policy lets the caller describe them.</summary>
    private IEnumerable<ModelPackageGroupRecord> GroupsVisibleTo(SageMakerRequest request)
    {
        if (request.String("CrossAccountFilterOption") != "CrossAccount")
        {
            return request.Store.ListGroups(DocumentScope.Regional(request.Caller.AccountId, request.Region));
        }

        return accounts.Accounts
            .Where(a => a.AccountId != request.Caller.AccountId)
            .SelectMany(a => request.Store.ListGroups(DocumentScope.Regional(a.AccountId, request.Region))
                .Where(g => g.ResourcePolicy is not null
                    && request.IsAllowed("DescribeModelPackageGroup", g.Arn, new ResourceLocation(a.AccountId, request.Region, g.Name.ToLowerInvariant()), g)))
            .ToList();
    }

    private static JsonObject Summary(ModelPackageGroupRecord group)
    {
        var summary = new JsonObject();
        foreach (var member in new[] { "ModelPackageGroupName", "ModelPackageGroupArn", "ModelPackageGroupDescription", "CreationTime",
            "ModelPackageGroupStatus", "ManagedConfiguration" })
        {
            if (group.Description[member] is JsonNode value)
            {
                summary[member] = value.DeepClone();
            }
        }

        return summary;
    }

    private static void RemoveNulls(JsonObject json)
    {
        foreach (var name in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(name);
        }
    }
}
