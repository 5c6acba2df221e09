using System;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Reports on the reporting thread, at once. (Progress&lt;T&gt; posts to the thread pool,
/// where a report could arrive after the cmdlet's pipeline stage has ended.)</summary>
internal sealed class ImmediateProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public ImmediateProgress(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
