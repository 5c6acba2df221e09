using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>CreateModelPackage, DescribeModelPackage, ListModelPackages, UpdateModelPackage,
/// DeleteModelPackage and BatchDescribeModelPackage.</summary>
internal sealed class ModelPackageOperations
{
    private const int DefaultMaxResults = 10;

    private static readonly string[] SummaryMembers =
    [
        "ModelPackageName", "ModelPackageGroupName", "ModelPackageVersion", "ModelPackageArn", "ModelPackageDescription",
        "CreationTime", "ModelPackageStatus", "ModelApprovalStatus", "ModelPackageRegistrationType", "ModelLifeCycle",
    ];

    private static readonly string[] BatchSummaryMembers =
    [
        "ModelPackageGroupName", "ModelPackageArn", "ModelPackageDescription", "CreationTime", "InferenceSpecification",
        "ModelPackageStatus", "ModelApprovalStatus", "ModelPackageRegistrationType", "ModelPackageVersion",
    ];

    /// <summary>Members that UpdateModelPackage replaces when they are sent.</summary>
    private static readonly string[] ReplacedOnUpdate =
    [
        "ModelApprovalStatus", "ApprovalDescription", "InferenceSpecification", "ModelCard", "ModelLifeCycle",
        "ModelPackageRegistrationType", "SourceUri",
    ];

    private readonly IReadOnlyList<string> _describedInputMembers;

    public ModelPackageOperations(ServiceModel model)
    {
        // Create input members that DescribeModelPackage returns as they were sent.
        var describeMembers = model.GetShape("DescribeModelPackageOutput").Members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        _describedInputMembers = model.GetShape("CreateModelPackageInput").Members
            .Select(m => m.Name)
            .Where(n => describeMembers.Contains(n) && n is not ("ModelPackageName" or "ModelPackageGroupName"))
            .ToList();
    }

    public JsonObject Create(SageMakerRequest request)
    {
        var groupName = request.String("ModelPackageGroupName");
        var packageName = request.String("ModelPackageName");
        if (groupName is not null && packageName is not null)
        {
            throw new AwsServiceError("ValidationException",
                "Both ModelPackageName and ModelPackageGroupName are provided in the input. Cannot determine which one to use.");
        }

        if (groupName is null && packageName is null)
        {
            throw new AwsServiceError("ValidationException", "Missing ARN.");
        }

        return groupName is not null ? CreateVersion(request, groupName) : CreateUnversioned(request, packageName!);
    }

    public JsonObject Describe(SageMakerRequest request)
    {
        var (_, package) = Find(request, request.String("ModelPackageName")!, "DescribeModelPackage");
        return package.DeepClone().AsObject();
    }

    public JsonObject Update(SageMakerRequest request)
    {
        var (reference, package) = Find(request, request.String("ModelPackageArn")!, "UpdateModelPackage");
        var input = request.Input;
        foreach (var member in ReplacedOnUpdate)
        {
            if (input[member] is JsonNode value)
            {
                package[member] = value.DeepClone();
            }
        }

        UpdateCustomerMetadata(package, input["CustomerMetadataProperties"] as JsonObject, input["CustomerMetadataPropertiesToRemove"] as JsonArray);
        if (input["AdditionalInferenceSpecificationsToAdd"] is JsonArray added)
        {
            if (package["AdditionalInferenceSpecifications"] is not JsonArray specifications)
            {
                specifications = [];
                package["AdditionalInferenceSpecifications"] = specifications;
            }

            foreach (var specification in added)
            {
                specifications.Add(specification?.DeepClone());
            }
        }

        package["LastModifiedTime"] = request.Now();
        package["LastModifiedBy"] = request.UserContext();
        request.Store.Commit([SageMakerStore.PutPackage(reference.Location.Scope, reference.Key, package)]);
        return new JsonObject { ["ModelPackageArn"] = reference.Arn };
    }

    public JsonObject Delete(SageMakerRequest request)
    {
        var (reference, _) = Find(request, request.String("ModelPackageName")!, "DeleteModelPackage");

        // The group keeps its latest version number, so a deleted version's number is never handed out again.
        request.Store.Commit(
        [
            SageMakerStore.DeletePackage(reference.Location.Scope, reference.Key),
            SageMakerStore.PutTags(reference.Location.Scope, reference.Arn, []),
        ]);
        return [];
    }

    public JsonObject List(SageMakerRequest request)
    {
        var input = request.Input;
        var groupReference = request.String("ModelPackageGroupName");
        var group = groupReference is null ? null : request.ResolveGroup(groupReference);
        var scope = group?.Scope ?? DocumentScope.Regional(request.Caller.AccountId, request.Region);
        if (group is not null && request.Store.FindGroup(group) is { } groupRecord)
        {
            request.Authorize("ListModelPackages", SageMakerArns.Package(group with { Name = group.Name + "/*" }), group, groupRecord);
        }

        var type = request.String("ModelPackageType") ?? (group is null ? "Unversioned" : "Versioned");
        var approval = request.String("ModelApprovalStatus");
        var nameContains = request.String("NameContains");
        var after = (double?)input["CreationTimeAfter"];
        var before = (double?)input["CreationTimeBefore"];
        var byName = request.String("SortBy") == "Name";
        var descending = request.String("SortOrder") == "Descending";

        var items = request.Store.ListPackages(scope, group is null ? null : group.Name + "/")
            .Where(p => type == "Both" || (type == "Versioned") == (p.Package["ModelPackageVersion"] is not null))
            .Where(p => approval is null || (string?)p.Package["ModelApprovalStatus"] == approval)
            .Where(p => nameContains is null || ((string?)p.Package["ModelPackageName"] ?? string.Empty).Contains(nameContains,
                StringComparison.OrdinalIgnoreCase))
            .Where(p => after is null || (double)p.Package["CreationTime"]! > after)
            .Where(p => before is null || (double)p.Package["CreationTime"]! < before)
            .Select(p => new ListingItem(
                byName
                    ? ListingPage.NameCursor((string)p.Package["ModelPackageName"]!, p.Key)
                    : ListingPage.TimeCursor((double)p.Package["CreationTime"]!, p.Key),
                () => Pick(p.Package, SummaryMembers)));

        var (page, nextToken) = ListingPage.Take(items, descending, input, "ListModelPackages", DefaultMaxResults);
        var output = new JsonObject { ["ModelPackageSummaryList"] = new JsonArray(page.ToArray<JsonNode?>()) };
        if (nextToken is not null)
        {
            output["NextToken"] = nextToken;
        }

        return output;
    }

    public JsonObject BatchDescribe(SageMakerRequest request)
    {
        var summaries = new JsonObject();
        var errors = new JsonObject();
        foreach (var arn in request.Input["ModelPackageArnList"]!.AsArray().Select(a => (string)a!).Distinct(StringComparer.Ordinal))
        {
            try
            {
                var (_, package) = Find(request, arn, "DescribeModelPackage");
                var summary = Pick(package, BatchSummaryMembers);

                // Required in the batch summary even for packages that were registered without them.
                summary["ModelPackageGroupName"] ??= string.Empty;
                summary["InferenceSpecification"] ??= new JsonObject { ["Containers"] = new JsonArray() };
                summaries[arn] = summary;
            }
            catch (AwsServiceError error)
            {
                errors[arn] = new JsonObject { ["ErrorCode"] = error.Code, ["ErrorResponse"] = error.Message };
            }
        }

        var output = new JsonObject { ["ModelPackageSummaries"] = summaries };
        if (errors.Count > 0)
        {
            output["BatchDescribeModelPackageErrorMap"] = errors;
        }

        return output;
    }

    private JsonObject CreateVersion(SageMakerRequest request, string groupNameOrArn)
    {
        var groupLocation = request.ResolveGroup(groupNameOrArn);
        var group = request.RequireGroup(groupLocation, "CreateModelPackage");
        var reference = ModelPackageReference.ForVersion(groupLocation, group.LatestVersion + 1);
        request.Authorize("CreateModelPackage", reference.Arn, groupLocation, group);

        var clientToken = request.String("ClientToken");
        var tokenRequest = TokenRequest(request, SageMakerArns.Group(groupLocation));
        if (EarlierCreation(request, groupLocation.Scope, clientToken, tokenRequest) is string earlierArn)
        {
            return new JsonObject { ["ModelPackageArn"] = earlierArn };
        }

        var package = Describe(request, reference, group.Name);
        package["ModelPackageVersion"] = reference.Version;
        package["ModelApprovalStatus"] ??= "PendingManualApproval";
        group.LatestVersion = reference.Version!.Value;

        var writes = new List<DocumentWrite>
        {
            SageMakerStore.PutPackage(groupLocation.Scope, reference.Key, package),
            SageMakerStore.PutGroup(groupLocation, group),
        };
        AddCreationWrites(request, writes, reference, clientToken, tokenRequest);
        request.Store.Commit(writes);
        return new JsonObject { ["ModelPackageArn"] = reference.Arn };
    }

    private JsonObject CreateUnversioned(SageMakerRequest request, string name)
    {
        var reference = new ModelPackageReference(new ResourceLocation(request.Caller.AccountId, request.Region, name.ToLowerInvariant()), null, null);
        var clientToken = request.String("ClientToken");
        var tokenRequest = TokenRequest(request, reference.Arn);
        if (EarlierCreation(request, reference.Location.Scope, clientToken, tokenRequest) is string earlierArn)
        {
            return new JsonObject { ["ModelPackageArn"] = earlierArn };
        }

        if (request.Store.FindPackage(reference.Location.Scope, reference.Key) is not null)
        {
            throw new AwsServiceError("ValidationException", $"ModelPackage {reference.Arn} already exists.");
        }

        var writes = new List<DocumentWrite> { SageMakerStore.PutPackage(reference.Location.Scope, reference.Key, Describe(request, reference, null)) };
        AddCreationWrites(request, writes, reference, clientToken, tokenRequest);
        request.Store.Commit(writes);
        return new JsonObject { ["ModelPackageArn"] = reference.Arn };
    }

    /// <summary>What DescribeModelPackage will return for a package created from this request.</summary>
    private JsonObject Describe(SageMakerRequest request, ModelPackageReference reference, string? groupName)
    {
        var package = new JsonObject();
        foreach (var member in _describedInputMembers)
        {
            if (request.Input[member] is JsonNode value)
            {
                package[member] = value.DeepClone();
            }
        }

        // A version is named after its group; its ARN carries the version number.
        package["ModelPackageName"] = groupName ?? request.String("ModelPackageName");
        if (groupName is not null)
        {
            package["ModelPackageGroupName"] = groupName;
        }

        package["ModelPackageArn"] = reference.Arn;
        package["CreationTime"] = request.Now();
        package["CreatedBy"] = request.UserContext();
        package["ModelPackageStatus"] = "Completed";
        package["ModelPackageStatusDetails"] = new JsonObject { ["ValidationStatuses"] = new JsonArray(), ["ImageScanStatuses"] = new JsonArray() };
        package["CertifyForMarketplace"] ??= false;
        return package;
    }

    /// <summary>What a ClientToken stands for: the input without the token, with the group (or package) named
    /// by its ARN, so a retry that names the group by ARN instead of by name is still the same request.</summary>
    private static JsonObject TokenRequest(SageMakerRequest request, string target)
    {
        var input = request.Input.DeepClone().AsObject();
        input.Remove("ClientToken");
        input.Remove("ModelPackageGroupName");
        input.Remove("ModelPackageName");
        input["Target"] = target;
        return input;
    }

    /// <summary>The package an earlier request with this token created; null for a new token. A token
    /// reused with different parameters is a ConflictException, never another request's package.</summary>
    private static string? EarlierCreation(SageMakerRequest request, string scope, string? clientToken, JsonObject tokenRequest)
    {
        if (clientToken is null || request.Store.FindClientToken(scope, request.Caller.AccountId, clientToken) is not { } earlier)
        {
            return null;
        }

        // Tokens stored before requests were remembered carry none; they keep answering as they did.
        if (earlier.Request is not null && !JsonNode.DeepEquals(earlier.Request, tokenRequest))
        {
            throw new AwsServiceError("ConflictException",
                $"The ClientToken '{clientToken}' was already used by a CreateModelPackage request with different parameters. " +
                "Use a new ClientToken, or resend the earlier request unchanged.");
        }

        return earlier.ModelPackageArn;
    }

    private static void AddCreationWrites(SageMakerRequest request, List<DocumentWrite> writes, ModelPackageReference reference, string? clientToken,
        JsonObject tokenRequest)
    {
        if (clientToken is not null)
        {
            writes.Add(SageMakerStore.PutClientToken(reference.Location.Scope, request.Caller.AccountId, clientToken, reference.Arn, tokenRequest));
        }

        if (request.Input["Tags"] is JsonArray tags && tags.Count > 0)
        {
            writes.Add(SageMakerStore.PutTags(reference.Location.Scope, reference.Arn, TagOperations.Merge([], tags)));
        }
    }

    /// <summary>The package named, after checking the caller may perform <paramref name="action"/> on it.</summary>
    private static (ModelPackageReference Reference, JsonObject Package) Find(SageMakerRequest request, string nameOrArn, string action)
    {
        var reference = ModelPackageReference.Resolve(nameOrArn, request.Caller.AccountId, request.Region);
        var group = reference.Group is null ? null : request.Store.FindGroup(reference.Group);

        // Authorized first, so another account learns nothing about packages it may not see.
        request.Authorize(action, reference.Arn, reference.Location, group);
        var package = request.Store.FindPackage(reference.Location.Scope, reference.Key)
            ?? throw new AwsServiceError("ValidationException", $"ModelPackage {reference.Arn} does not exist.");
        return (reference, package);
    }

    private static void UpdateCustomerMetadata(JsonObject package, JsonObject? added, JsonArray? removed)
    {
        if (added is null && removed is null)
        {
            return;
        }

        if (package["CustomerMetadataProperties"] is not JsonObject metadata)
        {
            metadata = [];
            package["CustomerMetadataProperties"] = metadata;
        }

        foreach (var (key, value) in added ?? [])
        {
            metadata[key] = value?.DeepClone();
        }

        foreach (var key in removed ?? [])
        {
            metadata.Remove((string)key!);
        }

        if (metadata.Count == 0)
        {
            package.Remove("CustomerMetadataProperties");
        }
    }

    private static JsonObject Pick(JsonObject source, IEnumerable<string> members)
    {
        var picked = new JsonObject();
        foreach (var member in members)
        {
            if (source[member] is JsonNode value)
            {
                picked[member] = value.DeepClone();
            }
        }

        return picked;
    }
}
