namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Keeps web pages out of the local registry. It binds to 127.0.0.1, yet a page in a browser on the
/// same machine can still send it requests: directly (cross-site) or through a DNS name of its own that
/// resolves to 127.0.0.1 (DNS rebinding), which would let it read every account's keys. So every request
/// must name a loopback host, must not come from a foreign origin, and admin requests that are not plain
/// health checks must carry what no simple cross-site request can: a JSON content type or
/// <see cref="AdminHeader"/> (either forces a CORS preflight, which the registry never grants).</summary>
public static class LoopbackGuard
{
    /// <summary>Header that marks an admin request as coming from a tool, not a web page; any value.</summary>
    public const string AdminHeader = "X-LocalRegistry-Admin";

    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Why the request is refused (for a 403), or null when its Host and Origin are local.</summary>
    public static string? Refusal(HttpRequest request)
    {
        if (!IsLoopbackHost(request.Host.Host))
        {
            return $"The local registry answers only requests addressed to 127.0.0.1, localhost or [::1], not '{request.Host.Value}'.";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsLoopbackHost(uri.Host) && uri.Scheme is "http" or "https"))
        {
            return $"The local registry does not answer cross-site requests (Origin '{origin}').";
        }

        return null;
    }

    /// <summary>Like <see cref="Refusal"/>, and for admin requests other than reads of the health endpoint,
    /// a JSON content type or <see cref="AdminHeader"/> too.</summary>
    public static string? AdminRefusal(HttpRequest request, bool isHealthRead)
    {
        if (Refusal(request) is { } refusal)
        {
            return refusal;
        }

        var isJson = request.ContentType is { } contentType
            && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
        return isHealthRead || isJson || request.Headers.ContainsKey(AdminHeader)
            ? null
            : $"Admin requests need 'Content-Type: application/json' or an '{AdminHeader}' header, so that web pages cannot send them.";
    }

    private static bool IsLoopbackHost(string host) =>
        LoopbackHosts.Any(loopback => string.Equals(host, loopback, StringComparison.OrdinalIgnoreCase));
}
