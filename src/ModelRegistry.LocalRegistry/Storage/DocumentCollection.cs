using System.Text.Json;

namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>One collection of an <see cref="IDocumentStore"/> holding <typeparamref name="T"/> documents,
/// serialised with the web defaults of System.Text.Json (camelCase members).</summary>
public sealed class DocumentCollection<T>
    where T : class
{
    // JsonSerializerOptions.Web is .NET 9 and later.
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    private readonly IDocumentStore _store;
    private readonly string _name;

    public DocumentCollection(IDocumentStore store, string name)
    {
        _store = store;
        _name = name;
    }

    public T? Find(string scope, string key) => Read(_store.Get(_name, scope, key));

    /// <summary>Every document of a scope, ordered by key.</summary>
    public IReadOnlyList<T> List(string scope) => _store.List(_name, scope).Select(entry => Read(entry.Value)!).ToList();

    public void Save(string scope, string key, T document) => _store.Commit([Write(scope, key, document)]);

    /// <summary>A write of <paramref name="document"/>, for a commit of several writes at once.</summary>
    public DocumentWrite Write(string scope, string key, T document) =>
        new(_name, scope, key, JsonSerializer.Serialize(document, WebOptions));

    /// <summary>A write that deletes the document, for a commit of several writes at once.</summary>
    public DocumentWrite Delete(string scope, string key) => new(_name, scope, key, null);

    private static T? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<T>(json, WebOptions);
}
