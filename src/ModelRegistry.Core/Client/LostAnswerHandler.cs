using System;
using System.IO;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>
/// Inside the SDK's retry loop: notes on the request when an attempt was sent and its answer never came
/// (the connection dropped, or the time-out passed), since such an attempt may have taken effect before
/// the SDK sent it again. A refused connection never sent anything and is not noted.
/// </summary>
internal sealed class LostAnswerHandler : PipelineHandler
{
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException
                                  || (e is OperationCanceledException && !executionContext.RequestContext.CancellationToken.IsCancellationRequested))
        {
            if (executionContext.RequestContext.OriginalRequest is JsonServiceRequest request) request.AnswerLost = true;
            throw;
        }
    }
}
