using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Protocols;

/// <summary>The REST-XML protocol as S3 speaks it: request ids in
/// <c>x-amz-request-id</c>/<c>x-amz-id-2</c>, errors as <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;...</c>.</summary>
public static class RestXmlProtocol
{
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>Sets the request-id headers S3 puts on every response; returns the request id.</summary>
    public static string StampRequestId(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        http.Response.Headers["x-amz-request-id"] = requestId;
        http.Response.Headers["x-amz-id-2"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        return requestId;
    }

    public static async Task WriteEmptyAsync(HttpContext http, int status)
    {
        StampRequestId(http);
        http.Response.StatusCode = status;
        await http.Response.CompleteAsync();
    }

    /// <summary>S3's error document; HEAD responses carry only the status, as S3 sends no body for them.</summary>
    public static async Task WriteErrorAsync(HttpContext http, AwsServiceError error, string? resource)
    {
        var requestId = StampRequestId(http);
        http.Response.StatusCode = error.StatusCode;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }

        var document = new XElement("Error",
            new XElement("Code", error.Code),
            new XElement("Message", error.Message),
            resource is null ? null : new XElement("Resource", resource),
            new XElement("RequestId", requestId));
        http.Response.ContentType = "application/xml";
        await http.Response.WriteAsync(
            XmlDeclaration + document.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }
}
