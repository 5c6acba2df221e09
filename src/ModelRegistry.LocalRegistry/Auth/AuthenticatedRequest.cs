using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Who signed a request, and for which region and service (from the credential scope).</summary>
public sealed record AuthenticatedRequest(Caller Caller, string Region, string SigningName);
