using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>Typed reads of the SageMaker documents; writes are collected into one atomic commit.</summary>
internal sealed class SageMakerStore(IDocumentStore documents)
{
    // A listing reads every package of a group on every page; the in-memory store hands out the same string for
    // an unchanged document, so each one is parsed once, not once per page (keyed weakly: gone with the document).
    private static readonly ConditionalWeakTable<string, JsonObject> ParsedPackages = new();

    private static JsonObject ParsedPackage(string json) => ParsedPackages.GetValue(json, text =>
    {
        var package = JsonNode.Parse(text)!.AsObject();
        Materialise(package);
        return package;
    });

    /// <summary>A parsed object or array fills itself from the JSON on first read, which is not thread-safe; a
    /// shared package is filled before any request reads it.</summary>
    private static void Materialise(JsonNode? node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject members => members.Select(m => m.Value),
            JsonArray items => items,
            _ => [],
        };
        foreach (var child in children)
        {
            Materialise(child);
        }
    }

    public ModelPackageGroupRecord? FindGroup(ResourceLocation group) =>
        documents.Get(SageMakerCollections.Groups, group.Scope, group.Name) is string json ? ModelPackageGroupRecord.FromJson(json) : null;

    public IEnumerable<ModelPackageGroupRecord> ListGroups(string scope) =>
        documents.List(SageMakerCollections.Groups, scope).Select(d => ModelPackageGroupRecord.FromJson(d.Value));

    public JsonObject? FindPackage(string scope, string key) =>
        documents.Get(SageMakerCollections.Packages, scope, key) is string json ? JsonNode.Parse(json)!.AsObject() : null;

    /// <summary>Every package of a scope whose key starts with <paramref name="keyPrefix"/> (a group's versions:
    /// "group/"), in key order. The packages are shared and read-only: copy what you return or change.</summary>
    public IEnumerable<(string Key, JsonObject Package)> ListPackages(string scope, string? keyPrefix) =>
        documents.List(SageMakerCollections.Packages, scope)
            .Where(d => keyPrefix is null || d.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
            .Select(d => (d.Key, ParsedPackage(d.Value)));

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
