using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Builds the SigV4 canonical request of an incoming request, the way AWS endpoints do.</summary>
public static class CanonicalRequest
{
    public static string Build(HttpRequest request, IReadOnlyList<string> signedHeaders, string payloadHash,
        bool isS3, string? excludedQueryParameter = null)
    {
        var (rawPath, rawQuery) = SplitRawTarget(request);
        return string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(rawPath, isS3),
            CanonicalQuery(rawQuery, excludedQueryParameter),
            CanonicalHeaders(request, signedHeaders),
            string.Join(';', signedHeaders),
            payloadHash);
    }

    /// <summary>S3 encodes the decoded path once and keeps it as is; other services normalise the path
    /// as sent and encode it once more (the client signs its already-encoded path encoded again), so a
    /// path sent unencoded (<c>/a b</c>) is signed encoded once, as AWS's test suite says.</summary>
    public static string CanonicalUri(string rawPath, bool isS3)
    {
        var path = rawPath.Length == 0 ? "/" : rawPath;
        return isS3
            ? AwsUriEncoding.Encode(Uri.UnescapeDataString(path), keepSlash: true)
            : AwsUriEncoding.Encode(NormalizePath(path), keepSlash: true);
    }

    public static string CanonicalQuery(string rawQuery, string? excludedParameter)
    {
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(part[(equals + 1)..]);
            if (name != excludedParameter)
            {
                pairs.Add((AwsUriEncoding.Encode(name, keepSlash: false), AwsUriEncoding.Encode(value, keepSlash: false)));
            }
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>The path and query exactly as the client sent them (Kestrel's decoded path loses
    /// the encoding the client signed).</summary>
    public static (string Path, string Query) SplitRawTarget(HttpRequest request)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            return ((request.PathBase + request.Path).ToUriComponent(), request.QueryString.Value ?? "");
        }

        var question = rawTarget.IndexOf('?');
        return question < 0 ? (rawTarget, "") : (rawTarget[..question], rawTarget[question..]);
    }

    private static string CanonicalHeaders(HttpRequest request, IReadOnlyList<string> signedHeaders)
    {
        var builder = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.Headers[name].Select(v => CollapseSpaces(v ?? ""));
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>RFC 3986 dot-segment removal and empty-segment collapsing, as non-S3 endpoints apply.</summary>
    private static string NormalizePath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        var normalized = "/" + string.Join('/', segments);
        return path.EndsWith('/') && segments.Count > 0 ? normalized + "/" : normalized;
    }
}
