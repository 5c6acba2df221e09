namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>Documents kept in process memory: the default when no data directory is given.</summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Collection, string Scope), SortedDictionary<string, string>> _documents = new();

    public string? Get(string collection, string scope, string key)
    {
        lock (_gate)
        {
            return _documents.TryGetValue((collection, scope), out var documents) && documents.TryGetValue(key, out var json)
                ? json
                : null;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> List(string collection, string scope)
    {
        lock (_gate)
        {
            return _documents.TryGetValue((collection, scope), out var documents)
                ? documents.ToList()
                : [];
        }
    }

    public void Commit(IReadOnlyList<DocumentWrite> writes)
    {
        // Reading every write before applying any keeps a failing batch from applying half.
        var batch = writes.ToList();
        lock (_gate)
        {
            foreach (var write in batch)
            {
                var scopeKey = (write.Collection, write.Scope);
                if (write.Json is null)
                {
                    if (_documents.TryGetValue(scopeKey, out var existing))
                    {
                        existing.Remove(write.Key);
                    }

                    continue;
                }

                if (!_documents.TryGetValue(scopeKey, out var documents))
                {
                    documents = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    _documents[scopeKey] = documents;
                }

                documents[write.Key] = write.Json;
            }
        }
    }
}
