using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Protocols;

/// <summary>The AWS query protocol (STS): form-encoded <c>Action=...&amp;Version=...</c> requests,
/// <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;</c> XML responses and <c>&lt;ErrorResponse&gt;</c> errors.</summary>
public static class QueryProtocol
{
    /// <summary>The parameters of a query request: the form body of a POST, or the query string.</summary>
    public static IReadOnlyDictionary<string, string> ReadParameters(HttpRequest request, byte[] body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
        {
            parameters[name] = values.ToString();
        }

        if (body.Length > 0)
        {
            foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
            {
                parameters[name] = values.ToString();
            }
        }

        return parameters;
    }

    /// <summary>The top-level scalar members of the operation's input, typed as the model says, so the
    /// model validator applies to query requests as it does to JSON ones.</summary>
    public static JsonObject BindInput(ServiceModel model, string operation, IReadOnlyDictionary<string, string> parameters)
    {
        var input = new JsonObject();
        if (model.GetOperation(operation).InputShape is not { } inputShape)
        {
            return input;
        }

        foreach (var member in model.GetShape(inputShape).Members)
        {
            if (parameters.TryGetValue(member.Name, out var text))
            {
                input[member.Name] = model.GetShape(member.ShapeName).Type switch
                {
                    "integer" or "long" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
                    "boolean" when bool.TryParse(text, out var flag) => flag,
                    _ => text,
                };
            }
        }

        return input;
    }

    /// <summary>Validates the bound members against the model; query services call the failure ValidationError.</summary>
    public static void Validate(ServiceModel model, string operation, JsonObject input)
    {
        var violations = model.ValidateInput(operation, input);
        if (violations.Count > 0)
        {
            throw new AwsServiceError("ValidationError", ShapeViolation.Summarize(violations));
        }
    }

    public static async Task WriteResultAsync(HttpContext http, string action, XNamespace ns, IEnumerable<XElement> result)
    {
        var requestId = Guid.NewGuid().ToString();
        var document = new XElement(ns + action + "Response",
            new XElement(ns + action + "Result", result),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        await WriteAsync(http, 200, requestId, document);
    }

    public static Task WriteErrorAsync(HttpContext http, XNamespace ns, AwsServiceError error)
    {
        var requestId = Guid.NewGuid().ToString();
        var document = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", error.SenderFault ? "Sender" : "Receiver"),
                new XElement(ns + "Code", error.Code),
                new XElement(ns + "Message", error.Message)),
            new XElement(ns + "RequestId", requestId));
        return WriteAsync(http, error.StatusCode, requestId, document);
    }

    private static async Task WriteAsync(HttpContext http, int status, string requestId, XElement document)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        await http.Response.WriteAsync(document.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }
}
