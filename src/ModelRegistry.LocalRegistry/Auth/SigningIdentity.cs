using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>What the directory knows about an access key id: who it is and the secret to check
/// the signature with; session keys also carry their token and expiry.</summary>
public sealed record SigningIdentity(
    Caller Caller, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration, string UserId);
