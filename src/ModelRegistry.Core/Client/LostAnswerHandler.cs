using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>
/// Inside the SDK's retry loop: notes on the request when an attempt was sent and its answer never came
/// (the connection dropped, the answer was cut off, or the time-out passed), since such an attempt may have
/// taken effect before the SDK sent it again. A refused connection never sent anything and is not noted,
/// nor is anything once the caller cancelled (Ctrl+C).
/// </summary>
internal sealed class LostAnswerHandler : PipelineHandler
{
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e) when (!executionContext.RequestContext.CancellationToken.IsCancellationRequested && NoAnswer(e))
        {
            if (executionContext.RequestContext.OriginalRequest is JsonServiceRequest request) request.AnswerLost = true;
            throw;
        }
    }

    // The SDK reports its time-out as a TimeoutException, and an answer cut off in its body as an
    // AmazonUnmarshallingException around the IOException.
    private static bool NoAnswer(Exception e) =>
        e is IOException or TimeoutException or OperationCanceledException
        || (e is AmazonUnmarshallingException && e.InnerException is IOException);
}
