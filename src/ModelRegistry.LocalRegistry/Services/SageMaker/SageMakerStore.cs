using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>Typed reads of the SageMaker documents; writes are collected into one atomic commit.</summary>
internal sealed class SageMakerStore(IDocumentStore documents)
{
    public ModelPackageGroupRecord? FindGroup(ResourceLocation group) =>
        documents.Get(SageMakerCollections.Groups, group.Scope, group.Name) is string json ? ModelPackageGroupRecord.FromJson(json) : null;

    public IEnumerable<ModelPackageGroupRecord> ListGroups(string scope) =>
        documents.List(SageMakerCollections.Groups, scope).Select(d => ModelPackageGroupRecord.FromJson(d.Value));

    public JsonObject? FindPackage(string scope, string key) =>
        documents.Get(SageMakerCollections.Packages, scope, key) is string json ? JsonNode.Parse(json)!.AsObject() : null;

    /// <summary>Every package of a scope in key order (versions of a group by number).</summary>
    public IEnumerable<(string Key, JsonObject Package)> ListPackages(string scope) =>
        documents.List(SageMakerCollections.Packages, scope).Select(d => (d.Key, JsonNode.Parse(d.Value)!.AsObject()));

    public bool GroupHasPackages(ResourceLocation group) =>
        documents.List(SageMakerCollections.Packages, group.Scope).Any(d => d.Key.StartsWith(group.Name + "/", StringComparison.Ordinal));

    public (string ModelPackageArn, JsonObject? Request)? FindClientToken(string scope, string callerAccountId, string clientToken) =>
        documents.Get(SageMakerCollections.ClientTokens, scope, callerAccountId + "/" + clientToken) is string json
            && JsonNode.Parse(json)!.AsObject() is var token
            ? ((string)token["ModelPackageArn"]!, token["Request"]?.AsObject())
            : null;

    public JsonArray FindTags(string scope, string arn) =>
        documents.Get(SageMakerCollections.Tags, scope, arn) is string json ? JsonNode.Parse(json)!.AsArray() : [];

    public void Commit(IReadOnlyList<DocumentWrite> writes) => documents.Commit(writes);

    public static DocumentWrite PutGroup(ResourceLocation group, ModelPackageGroupRecord record) =>
        new(SageMakerCollections.Groups, group.Scope, group.Name, record.ToJson());

    public static DocumentWrite DeleteGroup(ResourceLocation group) =>
        new(SageMakerCollections.Groups, group.Scope, group.Name, null);

    public static DocumentWrite PutPackage(string scope, string key, JsonObject package) =>
        new(SageMakerCollections.Packages, scope, key, package.ToJsonString());

    public static DocumentWrite DeletePackage(string scope, string key) =>
        new(SageMakerCollections.Packages, scope, key, null);

    public static DocumentWrite PutClientToken(string scope, string callerAccountId, string clientToken, string packageArn, JsonObject request) =>
        new(SageMakerCollections.ClientTokens, scope, callerAccountId + "/" + clientToken,
            new JsonObject { ["ModelPackageArn"] = packageArn, ["Request"] = request.DeepClone() }.ToJsonString());

    public static DocumentWrite PutTags(string scope, string arn, JsonArray tags) =>
        new(SageMakerCollections.Tags, scope, arn, tags.Count == 0 ? null : tags.ToJsonString());
}
