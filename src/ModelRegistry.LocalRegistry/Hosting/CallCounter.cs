using System.Collections.Concurrent;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>How many signed AWS calls the registry has received since it started, by operation
/// (faulted calls included), and how many of them the client abandoned before the answer (closed the
/// connection: Ctrl+C reaching the request), so tests and benchmarks can assert what a command costs.</summary>
public sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _abandoned = new(StringComparer.Ordinal);

    public void Count(string operation) => Add(_calls, operation);

    public void CountAbandoned(string operation) => Add(_abandoned, operation);

    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() => Sorted(_calls);

    public IReadOnlyList<KeyValuePair<string, long>> AbandonedSnapshot() => Sorted(_abandoned);

    private static void Add(ConcurrentDictionary<string, long> counts, string operation) =>
        counts.AddOrUpdate(operation, 1, (_, count) => count + 1);

    private static List<KeyValuePair<string, long>> Sorted(ConcurrentDictionary<string, long> counts) =>
        counts.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
}
