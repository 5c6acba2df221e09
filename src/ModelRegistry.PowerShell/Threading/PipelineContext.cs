using System;
using System.Collections.Generic;
using System.Threading;

namespace ModelRegistry.PowerShell.Threading;

/// <summary>The pipeline thread's queue while a stage runs: the continuations of the cmdlet's awaits
/// and the actions of worker threads, run in order by <see cref="Run"/>.</summary>
internal sealed class PipelineContext : SynchronizationContext
{
    // Of a class, not a tuple: a queue of a value type is compiled at run time, in every session's first call.
    private readonly Queue<Posted> _queue = new();
    private readonly SynchronizationContext? _outer;
    private bool _completed;

    public PipelineContext(SynchronizationContext? outer) => _outer = outer;

    /// <summary>Runs a Write*/ShouldProcess call under the thread's own context: the commands it feeds
    /// (a ForEach-Object script, say) may block on tasks that would otherwise wait for this queue.</summary>
    public T Outside<T>(Func<T> action)
    {
        var current = Current;
        SetSynchronizationContext(_outer);
        try { return action(); }
        finally { SetSynchronizationContext(current); }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue)
        {
            if (!_completed)
            {
                _queue.Enqueue(new Posted(d, state));
                Monitor.Pulse(_queue);
                return;
            }
        }

        // Once the stage has ended nothing runs on the pipeline thread any more.
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs what is posted, on the calling (pipeline) thread, until the stage's work has completed.</summary>
    public void Run()
    {
        while (true)
        {
            Posted next;
            lock (_queue)
            {
                while (_queue.Count == 0 && !_completed) Monitor.Wait(_queue);
                if (_queue.Count == 0) return;
                next = _queue.Dequeue();
            }

            next.Callback(next.State);
        }
    }

    private sealed class Posted
    {
        public Posted(SendOrPostCallback callback, object? state)
        {
            Callback = callback;
            State = state;
        }

        public SendOrPostCallback Callback { get; }
        public object? State { get; }
    }

    public void Complete()
    {
        lock (_queue)
        {
            _completed = true;
            Monitor.Pulse(_queue);
        }
    }
}
