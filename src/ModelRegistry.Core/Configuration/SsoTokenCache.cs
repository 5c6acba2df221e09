using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// The token cache that <c>aws sso login</c> writes: ~/.aws/sso/cache/&lt;sha1&gt;.json, where the
/// hash is of the sso_session name (or, for legacy profiles, of the start URL). Read here only to
/// say "run aws sso login" before a call, instead of failing inside the SDK or prompting.
/// </summary>
public static class SsoTokenCache
{
    public static string CacheFilePath(string? sessionName, string? startUrl)
    {
        var key = string.IsNullOrEmpty(sessionName) ? startUrl ?? "" : sessionName!;
        using var sha1 = SHA1.Create();
        var hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(key));
        var fileName = BitConverter.ToString(hash).Replace("-", "").ToLowerInvariant() + ".json";
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "sso", "cache", fileName);
    }

    /// <summary>Why the cached token cannot be used, or null when it can (valid, or refreshable by the SDK).</summary>
    public static string? Problem(string? sessionName, string? startUrl, DateTimeOffset now)
    {
        var path = CacheFilePath(sessionName, startUrl);
        if (!File.Exists(path)) return "no IAM Identity Center (SSO) token is cached";

        JsonObject? token;
        try
        {
            token = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return $"the cached IAM Identity Center (SSO) token '{path}' cannot be read ({e.Message})";
        }

        if (token?["accessToken"] is null) return $"the cached IAM Identity Center (SSO) token '{path}' has no access token";
        if (!DateTimeOffset.TryParse((string?)token["expiresAt"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var expiresAt))
            return $"the cached IAM Identity Center (SSO) token '{path}' has no valid expiresAt";

        // A token with a refresh token and client registration is renewed by the SDK without a browser.
        var refreshable = token["refreshToken"] is not null && token["clientId"] is not null && token["clientSecret"] is not null;
        return expiresAt <= now && !refreshable
            ? $"the IAM Identity Center (SSO) token expired at {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"
            : null;
    }
}
