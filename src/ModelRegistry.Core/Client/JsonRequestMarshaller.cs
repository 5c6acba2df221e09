using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ModelRegistry.Core.Client;

/// <summary>AWS JSON 1.1: POST / with X-Amz-Target naming the operation and the input as the body.</summary>
internal sealed class JsonRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    internal const string ContentType = "application/x-amz-json-1.1";

    private readonly JsonServiceDescriptor _service;

    public JsonRequestMarshaller(JsonServiceDescriptor service) => _service = service;

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var call = (JsonServiceRequest)input;
        var request = new DefaultRequest(call, _service.ServiceId)
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = Encoding.UTF8.GetBytes(call.Input.ToJsonString()),
        };
        request.Headers["X-Amz-Target"] = $"{_service.TargetPrefix}.{call.Operation}";
        request.Headers["Content-Type"] = ContentType;
        return request;
    }
}
