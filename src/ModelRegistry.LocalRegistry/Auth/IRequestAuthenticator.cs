using Microsoft.AspNetCore.Http;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Verifies the AWS Signature Version 4 of a request, as the real service endpoint does.</summary>
public interface IRequestAuthenticator
{
    /// <summary>Returns the caller, or throws <see cref="Hosting.AwsServiceError"/> with the code
    /// the target service uses (JSON: <c>UnrecognizedClientException</c>, S3: <c>InvalidAccessKeyId</c>,
    /// query: <c>InvalidClientTokenId</c>, ...).</summary>
    Task<AuthenticatedRequest> AuthenticateAsync(HttpRequest request, byte[] body);

    /// <summary>The signing name of the service a request is for, even when its signature is wrong or
    /// missing: the credential scope's service, else inferred from <c>X-Amz-Target</c> or the query
    /// form, else "s3". The host renders authentication errors in that service's protocol.</summary>
    string ResolveSigningName(HttpRequest request);
}
