using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>Requests to a local registry's admin endpoints (<c>/_localregistry/...</c>).</summary>
internal static class LocalRegistryAdmin
{
    /// <summary>Sends one request and returns the body of its success; throws HttpRequestException for a failure
    /// and TaskCanceledException when <paramref name="timeout"/> passes first.</summary>
    public static async Task<string> SendAsync(string endpointUrl, HttpMethod method, string path, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        // Loopback only: never through a proxy.
        using var http = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = timeout };
        using var request = new HttpRequestMessage(method, endpointUrl + "/_localregistry/" + path);
        // The registry answers admin requests only with this header, which web pages cannot send without a preflight.
        request.Headers.Add("X-LocalRegistry-Admin", "ModelRegistry");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }
}
