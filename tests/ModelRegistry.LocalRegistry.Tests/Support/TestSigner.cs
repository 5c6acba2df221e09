using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>The tests' own Signature Version 4 signer, written apart from the server's code so a
/// canonicalisation bug there cannot cancel out; <see cref="SigV4TestSuiteTests"/> checks it against
/// AWS's published vectors.</summary>
public static class TestSigner
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The three stages of one signature, so a mismatch shows where it starts.</summary>
    public sealed record Signature(string CanonicalRequest, string StringToSign, string Value);

    /// <summary>Signs a request given as its parts; <paramref name="headers"/> are the request's
    /// headers as sent (repeated names allowed), of which <paramref name="signedHeaders"/> are signed.</summary>
    public static Signature Compute(string method, string canonicalUri, string canonicalQuery,
        IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders, string payloadHash,
        string secretAccessKey, string region, string service, string amzDate)
    {
        var byName = headers
            .GroupBy(header => header.Key.ToLowerInvariant())
            .ToDictionary(group => group.Key, group => string.Join(',', group.Select(header => CanonicalHeaderValue(header.Value))));
        var canonicalHeaders = string.Concat(signedHeaders.Select(name => $"{name}:{byName[name]}\n"));
        var canonicalRequest = string.Join('\n', method, canonicalUri, canonicalQuery, canonicalHeaders, string.Join(';', signedHeaders), payloadHash);
        var scope = Scope(amzDate, region, service);
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { amzDate[..8], region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return new Signature(canonicalRequest, stringToSign, Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
    }

    public static string Scope(string amzDate, string region, string service) => $"{amzDate[..8]}/{region}/{service}/aws4_request";

    public static string AuthorizationHeader(string accessKeyId, string scope, IEnumerable<string> signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}";

    public static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string HexSha256(byte[] data) => Hex(SHA256.HashData(data));

    /// <summary>S3 signs the object key encoded once; other services remove dot segments and encode
    /// the path as sent once more (the SDKs send it already encoded, so it ends up encoded twice).</summary>
    public static string CanonicalUri(string rawPath, bool s3)
    {
        var path = rawPath.Length == 0 ? "/" : rawPath;
        return s3 ? Encode(Uri.UnescapeDataString(path), keepSlash: true) : Encode(RemoveDotSegments(path), keepSlash: true);
    }

    public static string CanonicalQuery(string rawQuery, string? excludedName = null) => string.Join('&', rawQuery.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(pair => (Name: Uri.UnescapeDataString(pair[0]), Value: pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : ""))
        .Where(pair => pair.Name != excludedName)
        .Select(pair => (Name: Encode(pair.Name, keepSlash: false), Value: Encode(pair.Value, keepSlash: false)))
        .OrderBy(pair => pair.Name, StringComparer.Ordinal)
        .ThenBy(pair => pair.Value, StringComparer.Ordinal)
        .Select(pair => pair.Name + "=" + pair.Value));

    /// <summary>Signs a request about to be sent: host, x-amz-date, x-amz-target and any x-amz-content-sha256
    /// or x-amz-security-token already on it are signed; S3 requests get x-amz-content-sha256.</summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string accessKeyId, string secretAccessKey, string region,
        string service, DateTimeOffset? now = null, string? sessionToken = null)
    {
        var amzDate = AmzDate(now ?? DateTimeOffset.UtcNow);
        var payloadHash = HexSha256(body);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (service == "s3" && !request.Headers.Contains("X-Amz-Content-SHA256"))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Content-SHA256", payloadHash);
        }

        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
        }

        var headers = request.Headers
            .Where(header => header.Key.StartsWith("X-Amz-", StringComparison.OrdinalIgnoreCase))
            .SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value)))
            .Append(KeyValuePair.Create("host", request.RequestUri!.Authority))
            .ToList();
        var signedHeaders = headers.Select(header => header.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (request.Headers.TryGetValues("X-Amz-Content-SHA256", out var declared))
        {
            payloadHash = declared.Single();
        }

        var signature = Compute(request.Method.Method, CanonicalUri(request.RequestUri.AbsolutePath, service == "s3"),
            CanonicalQuery(request.RequestUri.Query), headers, signedHeaders, payloadHash, secretAccessKey, region, service, amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            AuthorizationHeader(accessKeyId, Scope(amzDate, region, service), signedHeaders, signature.Value));
    }

    private static string CanonicalHeaderValue(string value)
    {
        var builder = new StringBuilder();
        foreach (var character in value.Trim())
        {
            var isSpace = character is ' ' or '\t';
            if (!isSpace || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(isSpace ? ' ' : character);
            }
        }

        return builder.ToString();
    }

    /// <summary>RFC 3986 section 5.2.4, with empty segments dropped as AWS does.</summary>
    private static string RemoveDotSegments(string path)
    {
        var output = new Stack<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                output.TryPop(out _);
            }
            else if (segment.Length > 0 && segment != ".")
            {
                output.Push(segment);
            }
        }

        var joined = "/" + string.Join('/', output.Reverse());
        return output.Count > 0 && (path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal)) ? joined + "/" : joined;
    }

    private static string Encode(string text, bool keepSlash)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
