using Microsoft.AspNetCore.Http;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>The principal that signed a request: an account's own keys or an assumed-role session.</summary>
public sealed record Caller(string AccountId, string Arn, string AccessKeyId);

/// <summary>An authenticated request on its way to a service.</summary>
public sealed class AwsCall
{
    public AwsCall(HttpContext http, Caller caller, string region, string signingName, byte[] body)
    {
        Http = http;
        Caller = caller;
        Region = region;
        SigningName = signingName;
        Body = body;
    }

    public HttpContext Http { get; }
    public Caller Caller { get; }

    /// <summary>The region of the credential scope; state is kept per account and region.</summary>
    public string Region { get; }
    public string SigningName { get; }

    /// <summary>The whole request body, already read (the signature covers it).</summary>
    public byte[] Body { get; }

    /// <summary>The operation name once the service has parsed it, for logs and fault rules.</summary>
    public string? Operation { get; set; }
}
