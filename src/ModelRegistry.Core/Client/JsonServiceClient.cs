using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>
/// A client for any AWS JSON 1.1 service on the SDK's own pipeline: credentials, SigV4, standard
/// retries, clock-skew correction, timeouts and proxies all come from AWSSDK.Core.
/// </summary>
public sealed class JsonServiceClient : AmazonServiceClient
{
    private readonly JsonRequestMarshaller _marshaller;

    public JsonServiceClient(JsonServiceDescriptor service, AwsConnection connection)
        : base(connection.Credentials, CreateConfig(service, connection))
    {
        Service = service;
        _marshaller = new JsonRequestMarshaller(service);
    }

    public JsonServiceDescriptor Service { get; }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="input"/> as the body; returns the response body.</summary>
    /// <exception cref="AmazonServiceException">The service answered with an error; ErrorCode is its __type.</exception>
    public async Task<JsonObject> InvokeAsync(string operation, JsonObject input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(operation))
        {
            throw new ArgumentException("An operation name is required.", nameof(operation));
        }

        var options = new InvokeOptions
        {
            RequestMarshaller = _marshaller,
            ResponseUnmarshaller = JsonObjectResponseUnmarshaller.Instance,
        };
        var response = await InvokeAsync<JsonServiceResponse>(new JsonServiceRequest(operation, input), options, cancellationToken).ConfigureAwait(false);
        return response.Output;
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new JsonServiceEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
        pipeline.AddHandlerAfter<JsonServiceEndpointResolver>(new CallTraceHandler(((JsonServiceConfig)Config).Trace));
        pipeline.AddHandlerAfter<RetryHandler>(new LostAnswerHandler());
    }

    private static JsonServiceConfig CreateConfig(JsonServiceDescriptor service, AwsConnection connection)
    {
        var config = new JsonServiceConfig(service) { Trace = connection.Trace };
        EndpointResolution.Apply(config, service.ServiceId, connection);
        return config;
    }
}
