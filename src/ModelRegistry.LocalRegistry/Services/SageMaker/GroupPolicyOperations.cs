using System.Text.Json.Nodes;
using ModelRegistry.Core.Policies;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>PutModelPackageGroupPolicy, GetModelPackageGroupPolicy, DeleteModelPackageGroupPolicy.
/// The policy is stored as sent (Get returns the caller's text) after checking that it parses and names
/// only principals AWS accepts.</summary>
internal static class GroupPolicyOperations
{
    public static JsonObject Put(SageMakerRequest request)
    {
        var (location, group) = FindGroup(request, "PutModelPackageGroupPolicy");
        var policy = request.String("ResourcePolicy")!;
        try
        {
            PrincipalIdentifierRules.EnsureValid(PolicyDocument.Parse(policy));
        }
        catch (PolicyFormatException ex)
        {
            throw new AwsServiceError("ValidationException", "The resource policy is not valid: " + ex.Message);
        }

        group.ResourcePolicy = policy;
        request.Store.Commit([SageMakerStore.PutGroup(location, group)]);
        return new JsonObject { ["ModelPackageGroupArn"] = group.Arn };
    }

    public static JsonObject Get(SageMakerRequest request)
    {
        var (_, group) = FindGroup(request, "GetModelPackageGroupPolicy");
        return new JsonObject { ["ResourcePolicy"] = group.ResourcePolicy ?? throw NoPolicy(group) };
    }

    public static JsonObject Delete(SageMakerRequest request)
    {
        var (location, group) = FindGroup(request, "DeleteModelPackageGroupPolicy");
        if (group.ResourcePolicy is null)
        {
            throw NoPolicy(group);
        }

        group.ResourcePolicy = null;
        request.Store.Commit([SageMakerStore.PutGroup(location, group)]);
        return [];
    }

    private static (ResourceLocation Location, ModelPackageGroupRecord Group) FindGroup(SageMakerRequest request, string action)
    {
        var location = request.ResolveGroup(request.String("ModelPackageGroupName")!);
        var group = request.RequireGroup(location, action);
        request.Authorize(action, group.Arn, location, group);
        return (location, group);
    }

    private static AwsServiceError NoPolicy(ModelPackageGroupRecord group) =>
        new("ValidationException", $"Cannot find resource policy for ModelPackageGroup {group.Arn}.");
}
