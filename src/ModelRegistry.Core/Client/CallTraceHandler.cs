using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Client;

/// <summary>
/// Says each call (operation, endpoint, region) to the connection's trace, and stamps failures with
/// the operation and endpoint, so an error from a wrong endpoint (a 501, a 500) or a refused connection
/// says where it came from, and with whether an earlier attempt's answer was lost (<see cref="LostAnswerHandler"/>). Sits
/// after the endpoint resolver, so the endpoint is the one really called, and outside the retries. Never
/// sees a secret: it reads the request's target, not its headers.
/// </summary>
internal sealed class CallTraceHandler : PipelineHandler
{
    private readonly Action<string>? _trace;

    public CallTraceHandler(Action<string>? trace) => _trace = trace;

    // "Amazon.S3" → "S3": the SDK's clients name their service by namespace.
    private static string ServiceName(string name) => name.StartsWith("Amazon.", StringComparison.Ordinal) ? name.Substring("Amazon.".Length) : name;

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext.Request;
        var operation = executionContext.RequestContext.RequestName is { } name && name.EndsWith("Request", StringComparison.Ordinal)
            ? name.Substring(0, name.Length - "Request".Length)
            : executionContext.RequestContext.RequestName ?? "request";
        if (executionContext.RequestContext.OriginalRequest is JsonServiceRequest json) operation = json.Operation;
        var endpoint = request.Endpoint?.ToString().TrimEnd('/') ?? "(no endpoint)";
        (_trace ?? SdkClientTracing.Of(executionContext.RequestContext.ClientConfig))?.Invoke($"{ServiceName(request.ServiceName)} {operation} at {endpoint} ({executionContext.RequestContext.ClientConfig.AuthenticationRegion ?? executionContext.RequestContext.ClientConfig.RegionEndpoint?.SystemName})");
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsErrors.IsAwsFailure(e, executionContext.RequestContext.CancellationToken.IsCancellationRequested))
        {
            // Not only the SDK's own exceptions: a refused connection arrives as the HttpRequestException itself.
            e.Data[CallTrace.OperationKey] = operation;
            e.Data[CallTrace.EndpointKey] = endpoint;
            if (executionContext.RequestContext.OriginalRequest is JsonServiceRequest { AnswerLost: true }) e.Data[CallTrace.AnswerLostKey] = true;
            throw;
        }
    }
}

