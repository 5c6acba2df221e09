using System.Collections.Concurrent;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>How many signed AWS calls the registry has received since it started, by operation
/// (faulted calls included), and how many of them the client abandoned before the answer (closed the
/// connection: Ctrl+C reaching the request), and over how many TCP connections they came, so tests and
/// benchmarks can assert what a command costs.</summary>
public sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _abandoned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _connections = new(StringComparer.Ordinal);

    /// <param name="connectionId">Kestrel's id of the TCP connection the call came on.</param>
    public void Count(string operation, string connectionId)
    {
        Add(_calls, operation);
        _connections.TryAdd(connectionId, true);
    }

    /// <summary>The TCP connections that carried at least one AWS call (admin requests are not counted).</summary>
    public int Connections => _connections.Count;

    public void CountAbandoned(string operation) => Add(_abandoned, operation);

    public IReadOnlyList<KeyValuePair<string, long>> Snapshot() => Sorted(_calls);

    public IReadOnlyList<KeyValuePair<string, long>> AbandonedSnapshot() => Sorted(_abandoned);

    private static void Add(ConcurrentDictionary<string, long> counts, string operation) =>
        counts.AddOrUpdate(operation, 1, (_, count) => count + 1);

    private static List<KeyValuePair<string, long>> Sorted(ConcurrentDictionary<string, long> counts) =>
        counts.OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
}
