using System.Text;
using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>Raw SigV4-signed requests, for services without an SDK package here and for wire details
/// the SDKs hide, signed by <see cref="TestSigner"/>.</summary>
internal static class SignedHttp
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<AwsReply> JsonAsync(RunningRegistry registry, TestAccount account, string service, string target, JsonObject input)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.BaseAddress, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return await SendAsync(request, Encoding.UTF8.GetBytes(input.ToJsonString()), account, service, "application/x-amz-json-1.1");
    }

    public static async Task<AwsReply> SendAsync(HttpRequestMessage request, byte[] body, TestAccount account, string service, string? contentType = null)
    {
        request.Content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        TestSigner.Sign(request, body, account.AccessKeyId, account.SecretAccessKey, "us-east-1", service);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return new AwsReply(response.StatusCode, text, errorType);
    }
}
