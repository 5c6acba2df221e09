using System.Collections.Concurrent;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>How many signed AWS calls the registry has received since it started, by operation
/// (faulted calls included), so tests and benchmarks can assert what a command costs.</summary>
public sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    public void Count(string operation) => _calls.AddOrUpdate(operation, 1, (_, count) => count + 1);

    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() =>
        _calls.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
}
