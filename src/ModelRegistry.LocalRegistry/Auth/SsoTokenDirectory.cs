using System.Security.Cryptography;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The IAM Identity Center sign-ins of the local registry: tokens issued to test users, which
/// the portal's GetRoleCredentials exchanges for role credentials in any configured account.</summary>
public sealed class SsoTokenDirectory
{
    private readonly DocumentCollection<SsoAccessToken> _tokens;
    private readonly TimeProvider _time;

    public SsoTokenDirectory(IDocumentStore store, TimeProvider time)
    {
        _tokens = new DocumentCollection<SsoAccessToken>(store, "sso-tokens");
        _time = time;
    }

    public SsoAccessToken Issue(string userName, TimeSpan lifetime)
    {
        var token = new SsoAccessToken(
            "aoa" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('='),
            userName,
            _time.GetUtcNow() + lifetime);
        _tokens.Save(DocumentScope.Global, token.AccessToken, token);
        return token;
    }

    /// <summary>The token when it was issued here and has not expired; null otherwise.</summary>
    public SsoAccessToken? FindValid(string accessToken) =>
        _tokens.Find(DocumentScope.Global, accessToken) is { } token && token.ExpiresAt > _time.GetUtcNow() ? token : null;
}
