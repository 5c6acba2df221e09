using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Protocols;

/// <summary>An AWS JSON 1.1 request, read and validated: the operation of <c>X-Amz-Target</c> and its input.</summary>
public sealed record JsonRequest(string Operation, JsonObject Input);

/// <summary>The AWS JSON 1.1 wire protocol (SageMaker, ECR, KMS): <c>POST /</c>, operation in
/// <c>X-Amz-Target: Prefix.Operation</c>, JSON bodies, errors as <c>{"__type":..,"message":..}</c>
/// with the code repeated in <c>x-amzn-ErrorType</c>.</summary>
public static class JsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the operation and input of a call and validates the input against the model:
    /// UnknownOperationException, SerializationException or ValidationException as AWS returns them.</summary>
    public static JsonRequest ReadRequest(AwsCall call, ServiceModel model)
    {
        var operation = ReadOperation(call.Http.Request, model);
        call.Operation = operation;
        var input = ReadInput(call.Body);
        Validate(model, operation, input);
        return new JsonRequest(operation, input);
    }

    /// <summary>The operation named by <c>X-Amz-Target</c>; UnknownOperationException when the model has none.</summary>
    public static string ReadOperation(HttpRequest request, ServiceModel model)
    {
        var target = request.Headers[TargetHeader].ToString();
        var prefix = model.TargetPrefix + ".";
        if (!HttpMethods.IsPost(request.Method) || !target.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw UnknownOperation();
        }

        var operation = target[prefix.Length..];
        return model.HasOperation(operation) ? operation : throw UnknownOperation();
    }

    /// <summary>Parses a body as a JSON object; an empty body is an empty input, as SDKs send for no members.</summary>
    public static JsonObject ReadInput(byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        JsonNode? node;
        try
        {
            EnsureReadableText(body);
            using (var document = JsonDocument.Parse(body, DocumentOptions))
            {
                // Duplicate names would otherwise fail later, when a member is first read, instead of as bad input
                // (.NET 8 has no JsonDocumentOptions.AllowDuplicateProperties to refuse them while parsing).
                if (FirstDuplicateName(document.RootElement) is string duplicate)
                {
                    throw new AwsServiceError("SerializationException", $"Duplicate member name '{duplicate}' in the request body.");
                }
            }

            node = JsonNode.Parse(body, documentOptions: DocumentOptions);
        }
        catch (InvalidOperationException ex)
        {
            throw new AwsServiceError("SerializationException",
                "The request body holds text that is not valid UTF-8 or a lone surrogate escape: " + ex.Message);
        }
        catch (JsonException ex)
        {
            throw new AwsServiceError("SerializationException", "Could not parse the request body as JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new AwsServiceError("SerializationException", "The request body is not valid UTF-8 JSON: " + ex.Message);
        }

        return node as JsonObject
            ?? throw new AwsServiceError("SerializationException", "Start of structure or map found where not expected.");
    }

    private static string? FirstDuplicateName(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (FirstDuplicateName(property.Value) is string nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FirstDuplicateName).FirstOrDefault(name => name is not null);
            default:
                return null;
        }
    }

    /// <summary>JSON parsing checks only the structure; decoding every string and member name now turns
    /// invalid UTF-8 and lone <c>\ud800</c> escapes into bad input instead of a failure when a member is read.</summary>
    private static void EnsureReadableText(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                reader.GetString();
            }
        }
    }

    /// <summary>Wrong JSON types are SerializationException (the service cannot read the member);
    /// broken constraints are one ValidationException listing every violation.</summary>
    public static void Validate(ServiceModel model, string operation, JsonObject input)
    {
        var violations = model.ValidateInput(operation, input);
        if (violations.Count == 0)
        {
            return;
        }

        var typeErrors = violations.Where(v => v.Rule == ShapeRules.Type).ToList();
        if (typeErrors.Count > 0)
        {
            throw new AwsServiceError("SerializationException", string.Join("; ", typeErrors.Select(v => v.Message)));
        }

        throw new AwsServiceError("ValidationException", ShapeViolation.Summarize(violations));
    }

    public static Task WriteResultAsync(AwsCall call, JsonObject? output, CancellationToken cancellationToken)
    {
        var response = call.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers[RequestIdHeader] = RequestId(call.Http);
        var bytes = Encoding.UTF8.GetBytes((output ?? []).ToJsonString());
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, cancellationToken).AsTask();
    }

    public static Task WriteErrorAsync(AwsCall call, AwsServiceError error) => WriteErrorAsync(call.Http, error);

    public static Task WriteErrorAsync(HttpContext http, AwsServiceError error)
    {
        var response = http.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = ContentType;
        response.Headers[RequestIdHeader] = RequestId(http);
        response.Headers[ErrorTypeHeader] = error.Code;
        var body = new JsonObject { ["__type"] = error.Code, ["message"] = error.Message };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>AWS request ids are UUIDs; one per request, the same on every header that echoes it.</summary>
    private static string RequestId(HttpContext http)
    {
        const string key = "ModelRegistry.RequestId";
        if (http.Items[key] is not string id)
        {
            id = Guid.NewGuid().ToString();
            http.Items[key] = id;
        }

        return id;
    }

    private static AwsServiceError UnknownOperation() => new("UnknownOperationException", "The requested operation is not recognized by the service.");
}
