using System;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using SdkJsonResponseUnmarshaller = Amazon.Runtime.Internal.Transform.JsonResponseUnmarshaller;

namespace ModelRegistry.Core.Client;

/// <summary>Reads the whole body as a JsonObject; error bodies become <see cref="AmazonServiceException"/>.</summary>
internal sealed class JsonObjectResponseUnmarshaller : SdkJsonResponseUnmarshaller
{
    public static readonly JsonObjectResponseUnmarshaller Instance = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext input)
    {
        var body = ReadBody(input);
        var output = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body)!.AsObject();
        return new JsonServiceResponse { Output = output };
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext input, Exception innerException, HttpStatusCode statusCode) =>
        AwsJsonErrors.ToException(statusCode, ReadBody(input), name => input.ResponseData.GetHeaderValue(name) is { Length: > 0 } value ? value : null,
            innerException);

    private static string ReadBody(JsonUnmarshallerContext input)
    {
        using var reader = new StreamReader(input.Stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
