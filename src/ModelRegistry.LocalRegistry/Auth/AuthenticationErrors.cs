using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The authentication errors each AWS protocol family returns: the same failure has a
/// different code in JSON services (KMS, ECR, SageMaker), in query services (STS) and in S3.</summary>
public static class AuthenticationErrors
{
    private const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private const string InvalidTokenMessage = "The security token included in the request is invalid.";

    public static AwsServiceError MissingAuthentication(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("AccessDenied", "Access Denied", 403),
        "sts" => new AwsServiceError("MissingAuthenticationToken", "Request is missing Authentication Token", 403),
        _ => new AwsServiceError("MissingAuthenticationTokenException", "Missing Authentication Token", 403),
    };

    public static AwsServiceError IncompleteSignature(string signingName, string detail) => signingName switch
    {
        "s3" => new AwsServiceError("AuthorizationHeaderMalformed", $"The authorization header is malformed; {detail}", 400),
        "sts" => new AwsServiceError("IncompleteSignature", detail, 400),
        _ => new AwsServiceError("IncompleteSignatureException", detail, 400),
    };

    public static AwsServiceError UnknownAccessKey(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        "sts" => new AwsServiceError("InvalidClientTokenId", InvalidTokenMessage, 403),
        _ => new AwsServiceError("UnrecognizedClientException", InvalidTokenMessage, 403),
    };

    /// <summary>A session token that does not belong to the key, or a token sent with a long-term key.</summary>
    public static AwsServiceError InvalidSessionToken(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("InvalidToken", "The provided token is malformed or otherwise invalid.", 400),
        _ => UnknownAccessKey(signingName),
    };

    public static AwsServiceError ExpiredToken(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("ExpiredToken", "The provided token has expired.", 400),
        "sts" => new AwsServiceError("ExpiredToken", "The security token included in the request is expired", 403),
        _ => new AwsServiceError("ExpiredTokenException", "The security token included in the request is expired", 403),
    };

    public static AwsServiceError SignatureMismatch(string signingName) => signingName switch
    {
        "s3" => new AwsServiceError("SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.", 403),
        "sts" => new AwsServiceError("SignatureDoesNotMatch", SignatureMismatchMessage, 403),
        _ => new AwsServiceError("InvalidSignatureException", SignatureMismatchMessage, 403),
    };

    /// <summary>Outside the 15-minute window: S3 says RequestTimeTooSkewed, others "Signature expired".</summary>
    public static AwsServiceError ClockSkew(string signingName, string requestTime, DateTimeOffset now, bool requestIsEarlier)
    {
        if (signingName == "s3")
        {
            return new AwsServiceError("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403);
        }

        var window = TimeSpan.FromMinutes(SigV4Authenticator.AllowedClockSkewMinutes);
        var message = requestIsEarlier
            ? $"Signature expired: {requestTime} is now earlier than {AmzDate(now - window)} ({AmzDate(now)} - 15 min.)"
            : $"Signature not yet current: {requestTime} is still later than {AmzDate(now + window)} ({AmzDate(now)} + 15 min.)";
        return new AwsServiceError(signingName == "sts" ? "SignatureDoesNotMatch" : "InvalidSignatureException", message, 403);
    }

    public static AwsServiceError PresignedUrlExpired() => new("AccessDenied", "Request has expired", 403);

    public static AwsServiceError PayloadHashMismatch() => new("XAmzContentSHA256Mismatch",
        "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);

    public static AwsServiceError InvalidPayloadHash() => new("InvalidArgument",
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, " +
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", 400);

    public static AwsServiceError MissingPayloadHash() => new("InvalidRequest",
        "Missing required header for this request: x-amz-content-sha256", 400);

    public static AwsServiceError MalformedChunkedBody(string detail) => new("IncompleteBody", detail, 400);

    private static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
