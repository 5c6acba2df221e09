using System;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;

namespace ModelRegistry.Core.Client;

/// <summary>Turns an AWS JSON 1.1 error response into an <see cref="AmazonServiceException"/>.</summary>
public static class AwsJsonErrors
{
    public const string ErrorTypeHeader = "X-Amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <param name="header">Looks a response header up by name (case-insensitively); null when absent.</param>
    public static AmazonServiceException ToException(HttpStatusCode statusCode, string? body, Func<string, string?> header, Exception? innerException = null)
    {
        var document = ParseObject(body);
        var code = SanitizeCode(StringMember(document, "__type") ?? StringMember(document, "code") ?? header(ErrorTypeHeader));
        var message = StringMember(document, "message") ?? StringMember(document, "Message") ?? StringMember(document, "errorMessage");
        var requestId = header(RequestIdHeader) ?? header("x-amz-request-id");

        code ??= statusCode.ToString();
        message ??= $"{code} ({(int)statusCode})";

        // 4xx are the caller's fault, 5xx the service's; the SDK leaves 400s as Unknown.
        var errorType = (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender;
        return new AmazonServiceException(message, innerException, errorType, code, requestId, statusCode);
    }

    /// <summary>"aws.protocoltests#ValidationException:http://..." → "ValidationException".</summary>
    public static string? SanitizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var value = code!.Trim();
        var colon = value.IndexOf(':');
        if (colon >= 0)
        {
            value = value.Substring(0, colon);
        }

        var hash = value.LastIndexOf('#');
        if (hash >= 0)
        {
            value = value.Substring(hash + 1);
        }

        return value.Length == 0 ? null : value;
    }

    private static JsonObject? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body!) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // A proxy or load balancer page: fall back to the status code.
        }
    }

    private static string? StringMember(JsonObject? document, string name) =>
        document is not null && document.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
}
