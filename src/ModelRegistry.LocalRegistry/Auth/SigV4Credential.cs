using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The signature parameters of a request, from the <c>Authorization</c> header or, for
/// presigned URLs, from the <c>X-Amz-*</c> query parameters.</summary>
public sealed record SigV4Credential(
    string AccessKeyId,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature,
    bool IsPresigned,
    TimeSpan? PresignedExpiry)
{
    public string Scope => $"{ScopeDate}/{Region}/{Service}/aws4_request";

    /// <summary>Null when the request carries no SigV4 signature at all.</summary>
    /// <exception cref="FormatException">The signature is present but malformed.</exception>
    public static SigV4Credential? Read(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            return FromHeader(authorization);
        }

        return request.Query.ContainsKey("X-Amz-Signature") || request.Query.ContainsKey("X-Amz-Credential")
            ? FromQuery(request.Query)
            : null;
    }

    /// <summary>The service of the credential scope, read leniently so errors can be rendered in the
    /// right protocol even when the rest of the signature is broken.</summary>
    public static string? TryReadService(HttpRequest request)
    {
        var credential = request.Headers.Authorization.ToString() is { Length: > 0 } header
            ? ParameterOf(header, "Credential")
            : request.Query["X-Amz-Credential"].ToString();
        var parts = credential?.Split('/');
        return parts is { Length: 5 } && parts[3].Length > 0 ? parts[3] : null;
    }

    private static SigV4Credential FromHeader(string authorization)
    {
        if (!authorization.StartsWith(SigV4Signature.Algorithm + " ", StringComparison.Ordinal))
        {
            throw new FormatException($"Unsupported Authorization Type; only {SigV4Signature.Algorithm} is accepted.");
        }

        var credential = ParameterOf(authorization, "Credential")
            ?? throw new FormatException("Authorization header requires 'Credential' parameter.");
        var signedHeaders = ParameterOf(authorization, "SignedHeaders")
            ?? throw new FormatException("Authorization header requires 'SignedHeaders' parameter.");
        var signature = ParameterOf(authorization, "Signature")
            ?? throw new FormatException("Authorization header requires 'Signature' parameter.");
        return Create(credential, signedHeaders, signature, isPresigned: false, expiry: null);
    }

    private static SigV4Credential FromQuery(IQueryCollection query)
    {
        if (query["X-Amz-Algorithm"] != SigV4Signature.Algorithm)
        {
            throw new FormatException($"X-Amz-Algorithm only supports \"{SigV4Signature.Algorithm}\".");
        }

        var expires = query["X-Amz-Expires"].ToString();
        if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > 604800)
        {
            throw new FormatException("X-Amz-Expires must be an integer number of seconds between 1 and 604800.");
        }

        return Create(
            Required(query, "X-Amz-Credential"), Required(query, "X-Amz-SignedHeaders"), Required(query, "X-Amz-Signature"),
            isPresigned: true, TimeSpan.FromSeconds(seconds));
    }

    private static SigV4Credential Create(string credential, string signedHeaders, string signature, bool isPresigned, TimeSpan? expiry)
    {
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != "aws4_request" || parts.Any(p => p.Length == 0))
        {
            throw new FormatException($"Credential should be scoped to a valid region, service and date, not '{credential}'.");
        }

        var headers = signedHeaders.Split(';');
        if (headers.Any(h => h.Length == 0 || h != h.ToLowerInvariant()))
        {
            throw new FormatException("SignedHeaders must be lower-case header names separated by ';'.");
        }

        return new SigV4Credential(parts[0], parts[1], parts[2], parts[3], headers, signature, isPresigned, expiry);
    }

    private static string Required(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } value ? value : throw new FormatException($"Query-string authentication requires the {name} parameter.");

    /// <summary>Reads <c>Name=value</c> from "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".</summary>
    private static string? ParameterOf(string authorization, string name)
    {
        var space = authorization.IndexOf(' ');
        foreach (var part in authorization[(space + 1)..].Split(','))
        {
            var trimmed = part.Trim();
            if (trimmed.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return trimmed[(name.Length + 1)..];
            }
        }

        return null;
    }
}
