using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Runs each pipeline stage's work on the thread pool while the pipeline thread pumps the
/// Write*/ShouldProcess calls that work makes (PowerShell allows them only on its own thread).
/// StopProcessing (Ctrl+C) cancels the token handed to the work.</summary>
public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private BlockingCollection<Action>? _pipelineActions;

    /// <summary>True once Ctrl+C (StopProcessing) was pressed.</summary>
    protected bool StopRequested => _stopping.IsCancellationRequested;

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected sealed override void BeginProcessing() => RunWorkerAndPump(BeginProcessingAsync);
    protected sealed override void ProcessRecord() => RunWorkerAndPump(ProcessRecordAsync);
    protected sealed override void EndProcessing() => RunWorkerAndPump(EndProcessingAsync);
    protected override void StopProcessing() => _stopping.Cancel();

    private void RunWorkerAndPump(Func<CancellationToken, Task> work)
    {
        using var actions = new BlockingCollection<Action>();
        _pipelineActions = actions;
        var running = Task.Run(async () =>
        {
            try { await work(_stopping.Token).ConfigureAwait(false); }
            finally { actions.CompleteAdding(); }
        });
        foreach (var action in actions.GetConsumingEnumerable()) action();
        _pipelineActions = null;

        try
        {
            running.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (TerminatingError terminating)
        {
            ThrowTerminatingError(terminating.Record);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the pipeline thread and waits for its result.</summary>
    protected T OnPipelineThread<T>(Func<T> action)
    {
        var queue = _pipelineActions ?? throw new InvalidOperationException("No pipeline stage is running.");
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Add(() =>
        {
            try { result.SetResult(action()); }
            catch (Exception e) { result.SetException(e); }
        });
        return result.Task.GetAwaiter().GetResult();
    }

    protected void OnPipelineThread(Action action) => OnPipelineThread(() => { action(); return true; });

    /// <summary>Whether <paramref name="parameterName"/> is bound (read on the pipeline thread).</summary>
    protected bool IsBound(string parameterName) => OnPipelineThread(() => MyInvocation.BoundParameters.ContainsKey(parameterName));

    protected void WriteObjectFromWorker(object value) => OnPipelineThread(() => WriteObject(value));
    protected void WriteErrorFromWorker(ErrorRecord record) => OnPipelineThread(() => WriteError(record));
    protected void WriteVerboseFromWorker(string text) => OnPipelineThread(() => WriteVerbose(text));
    protected void WriteWarningFromWorker(string text) => OnPipelineThread(() => WriteWarning(text));
    protected void WriteProgressFromWorker(ProgressRecord record) => OnPipelineThread(() => WriteProgress(record));
    protected bool ShouldProcessFromWorker(string target, string action) => OnPipelineThread(() => ShouldProcess(target, action));

    /// <summary>Ends the whole command from worker code with this record (ThrowTerminatingError runs
    /// on the pipeline thread once the worker has finished).</summary>
    protected static Exception Terminate(ErrorRecord record) => new TerminatingError(record);

    /// <summary>PowerShell disposes a cmdlet when its pipeline ends, also after errors and Ctrl+C.</summary>
    public void Dispose()
    {
        ReleaseResources();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void ReleaseResources()
    {
    }

    private sealed class TerminatingError : Exception
    {
        public TerminatingError(ErrorRecord record) : base(record.Exception?.Message) => Record = record;
        public ErrorRecord Record { get; }
    }
}
