namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>A write to the store: <see cref="Json"/> null deletes the document.</summary>
public sealed record DocumentWrite(string Collection, string Scope, string Key, string? Json);

/// <summary>Durable JSON documents keyed by (collection, scope, key). Scope is "account/region" for
/// regional resources. Services keep no state of their own, so a restart with the same store
/// sees everything that was committed.</summary>
public interface IDocumentStore
{
    string? Get(string collection, string scope, string key);

    /// <summary>All documents of a collection in a scope, ordered by key (ordinal).</summary>
    IReadOnlyList<KeyValuePair<string, string>> List(string collection, string scope);

    /// <summary>Applies every write or none (a kill mid-commit leaves the previous state).</summary>
    void Commit(IReadOnlyList<DocumentWrite> writes);
}
