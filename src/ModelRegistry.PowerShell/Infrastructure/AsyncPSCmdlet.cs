using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Output;
using ModelRegistry.PowerShell.Threading;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Runs each pipeline stage's work on the pipeline thread, which PowerShell requires for every
/// Write*/ShouldProcess call: the work starts there, and the continuations of the cmdlets' own awaits
/// (written without ConfigureAwait(false)) come back to it, while Core and the AWS SDK continue on the
/// thread pool. Worker-thread code reaches the pipeline thread through <see cref="OnPipelineThread{T}"/>.
/// StopProcessing (Ctrl+C) cancels the token handed to the work. Failures become ErrorRecords in one
/// place (<see cref="ErrorRecords"/>): per item with <see cref="ForItemAsync"/>, terminating otherwise.</summary>
public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineContext? _pipeline;
    private Thread? _pipelineThread;
    private bool _verboseIsSilent;

    /// <summary>Maps request members to this cmdlet's parameters, so validation errors name them.</summary>
    protected virtual IReadOnlyDictionary<string, string>? ParameterOfMember => null;

    /// <summary>Runs on the pipeline thread before any work: reads parameters and session state
    /// and refuses bad ones, so nothing (not even a -Confirm prompt) comes before that.</summary>
    protected virtual void BeginOnPipelineThread()
    {
    }

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected sealed override void BeginProcessing()
    {
        SetSpelling.Normalise(this);
        _verboseIsSilent = VerboseIsSilent();
        try
        {
            BeginOnPipelineThread();
        }
        catch (Exception e) when (ErrorRecords.TryCreate(e, null, ParameterOfMember, StopRequested, out var record))
        {
            ThrowTerminatingError(record);
        }

        RunWorkerAndPump(BeginProcessingAsync);
    }

    protected sealed override void ProcessRecord()
    {
        SetSpelling.Normalise(this);
        RunWorkerAndPump(ProcessRecordAsync);
    }
    protected sealed override void EndProcessing() => RunWorkerAndPump(EndProcessingAsync);
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>True once Ctrl+C (StopProcessing) was pressed.</summary>
    protected bool StopRequested => _stopping.IsCancellationRequested;

    private void RunWorkerAndPump(Func<CancellationToken, Task> work)
    {
        var previousContext = SynchronizationContext.Current;
        var pipeline = new PipelineContext(previousContext);
        _pipeline = pipeline;
        _pipelineThread = Thread.CurrentThread;
        Task running;
        SynchronizationContext.SetSynchronizationContext(pipeline);
        try
        {
            // The work runs here up to its first real wait; what the cmdlet does after each wait is
            // posted back here, so a call costs no thread handoffs beyond the SDK's own.
            running = RunAsync(work, pipeline);
            pipeline.Run();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            _pipeline = null;
        }

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
        catch (Exception e) when (ErrorRecords.TryCreate(e, null, ParameterOfMember, StopRequested, out var record))
        {
            ThrowTerminatingError(record);
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, PipelineContext pipeline)
    {
        try { await work(_stopping.Token); }
        finally { pipeline.Complete(); }
    }

    /// <summary>Runs one item's work; a failure becomes a non-terminating error on
    /// <paramref name="target"/> and the next item runs. Returns false when the item failed.</summary>
    protected async Task<bool> ForItemAsync(object target, Func<Task> work)
    {
        try
        {
            await work();
            return true;
        }
        catch (Exception e) when (ErrorRecords.TryCreate(e, target, ParameterOfMember, StopRequested, out var record))
        {
            WriteErrorFromWorker(record);
            return false;
        }
    }

    /// <summary>The one confirm rule of every change. -WhatIf (given, or inherited through
    /// $WhatIfPreference) always wins; -Force skips the prompt that ConfirmImpact High brings, as in
    /// AWS.Tools, unless -Confirm is asked for. With a <paramref name="detail"/> (a plan's diff) the
    /// plan is the message.</summary>
    protected internal bool ShouldChange(string target, string action, bool force = false, string? detail = null) => OnPipelineThread(() =>
    {
        var bound = MyInvocation.BoundParameters;
        var whatIf = bound.TryGetValue("WhatIf", out var given)
            ? LanguagePrimitives.IsTrue(given)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        if (force && !whatIf && !bound.ContainsKey("Confirm"))
        {
            WriteVerbose($"{action}: {target} (-Force)" + (detail == null ? "" : "\n" + detail));
            return true;
        }

        return detail == null
            ? ShouldProcess(target, action)
            : ShouldProcess($"{action}: {target}\n{detail}", $"{action}: {target}?\n{detail}", action);
    });

    /// <summary>Runs <paramref name="action"/> on the pipeline thread and waits for its result.</summary>
    protected T OnPipelineThread<T>(Func<T> action)
    {
        var pipeline = _pipeline;
        if (pipeline == null) return action();
        if (Thread.CurrentThread == _pipelineThread) return pipeline.Outside(action);
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Post(_ =>
        {
            try { result.SetResult(pipeline.Outside(action)); }
            catch (Exception e) { result.SetException(e); }
        }, null);
        return result.Task.GetAwaiter().GetResult();
    }

    protected void OnPipelineThread(Action action) => OnPipelineThread(() => { action(); return true; });

    /// <summary>Reads objects given to the cmdlet, whose script properties are scripts, under the thread's own
    /// context as Write* runs: a script property blocking on a task that resumes on the current context would
    /// otherwise wait for this stage's queue, which only the blocked thread runs.</summary>
    protected T ReadInput<T>(Func<T> read) => OnPipelineThread(read);

    /// <summary>Whether <paramref name="parameterName"/> is bound (read on the pipeline thread).</summary>
    protected bool IsBound(string parameterName) => OnPipelineThread(() => MyInvocation.BoundParameters.ContainsKey(parameterName));

    protected internal void WriteObjectFromWorker(object value) => OnPipelineThread(() => WriteObject(value));
    protected internal void WriteErrorFromWorker(ErrorRecord record) => OnPipelineThread(() => WriteError(record));
    /// <summary>Writes verbose text; when WriteVerbose would do nothing, a worker thread does not wait for the pipeline thread.</summary>
    protected internal void WriteVerboseFromWorker(string text)
    {
        if (!_verboseIsSilent) OnPipelineThread(() => WriteVerbose(text));
    }

    /// <summary>PowerShell's rule for a cmdlet's verbose stream: -Verbose (or -Verbose:$false) decides, then
    /// -Debug (which asks before each line), then $VerbosePreference; silent means nothing is written or asked.</summary>
    private bool VerboseIsSilent()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.TryGetValue("Verbose", out var verbose)) return !LanguagePrimitives.IsTrue(verbose);
        if (bound.TryGetValue("Debug", out var debug) && LanguagePrimitives.IsTrue(debug)) return false;
        return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue("VerbosePreference"), out var preference)
               && preference is ActionPreference.SilentlyContinue or ActionPreference.Ignore;
    }
    protected internal void WriteWarningFromWorker(string text) => OnPipelineThread(() => WriteWarning(text));
    protected void WriteProgressFromWorker(ProgressRecord record) => OnPipelineThread(() => WriteProgress(record));

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
