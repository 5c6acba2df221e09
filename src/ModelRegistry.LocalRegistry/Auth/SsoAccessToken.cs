namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>An IAM Identity Center access token, as stored (collection "sso-tokens"): what
/// <c>aws sso login</c> would have put in the token cache, issued here by the admin endpoint.</summary>
public sealed record SsoAccessToken(string AccessToken, string UserName, DateTimeOffset ExpiresAt);
