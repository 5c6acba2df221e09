using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>One validated SageMaker call with what its operation needs: the caller, the input, the
/// store, the clock and resource-policy authorization.</summary>
internal sealed class SageMakerRequest(AwsCall call, JsonObject input, SageMakerStore store, ResourceAuthorizer authorizer, TimeProvider time)
{
    public Caller Caller => call.Caller;
    public string Region => call.Region;
    public JsonObject Input => input;
    public SageMakerStore Store => store;

    /// <summary>The current time as JSON 1.1 timestamps carry it: epoch seconds with milliseconds.</summary>
    public double Now() => Math.Round(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);

    /// <summary>The UserContext of the caller for CreatedBy/LastModifiedBy.</summary>
    public JsonObject UserContext() => new() { ["IamIdentity"] = new JsonObject { ["Arn"] = Caller.Arn } };

    public string? String(string member) => (string?)input[member];

    public ResourceLocation ResolveGroup(string nameOrArn) =>
        SageMakerArns.Resolve(nameOrArn, SageMakerArns.GroupType, Caller.AccountId, Region);

    /// <summary>The group, or the error SageMaker returns when it does not exist: ValidationException for
    /// the owning account, AccessDeniedException for others (who learn nothing about the group).</summary>
    public ModelPackageGroupRecord RequireGroup(ResourceLocation group, string action)
    {
        if (store.FindGroup(group) is { } record)
        {
            return record;
        }

        var arn = SageMakerArns.Group(group);
        Authorize(action, arn, group, null);
        throw new AwsServiceError("ValidationException", $"ModelPackageGroup {arn} does not exist.");
    }

    /// <summary>Resource-policy check as AWS applies it: callers of the owning account are allowed unless a
    /// statement denies them; other accounts need a statement of the group's policy that allows them.</summary>
    public void Authorize(string action, string resourceArn, ResourceLocation owner, ModelPackageGroupRecord? group) =>
        authorizer.Authorize(Caller, owner.AccountId, "sagemaker:" + action, resourceArn, group?.ResourcePolicy);

    public bool IsAllowed(string action, string resourceArn, ResourceLocation owner, ModelPackageGroupRecord? group) =>
        authorizer.IsAllowed(Caller, owner.AccountId, "sagemaker:" + action, resourceArn, group?.ResourcePolicy);
}
