using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>Verifies SigV4 (header and, for S3, presigned query form) against the accounts and STS
/// sessions of the <see cref="AccountDirectory"/>, failing with the codes the real service uses.</summary>
public sealed class SigV4Authenticator
{
    public const int AllowedClockSkewMinutes = 15;
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>JSON 1.1 target prefixes of the emulated services, for requests without a credential scope.</summary>
    private static readonly (string TargetPrefix, string SigningName)[] JsonTargets =
    [
        ("SageMaker.", "sagemaker"),
        ("AmazonEC2ContainerRegistry_V20150921.", "ecr"),
        ("TrentService.", "kms"),
    ];

    private readonly AccountDirectory _accounts;
    private readonly TimeProvider _time;

    public SigV4Authenticator(AccountDirectory accounts, TimeProvider time)
    {
        _accounts = accounts;
        _time = time;
    }

    /// <summary>Returns the caller, or throws <see cref="Hosting.AwsServiceError"/> with the code
    /// the target service uses (JSON: <c>UnrecognizedClientException</c>, S3: <c>InvalidAccessKeyId</c>,
    /// query: <c>InvalidClientTokenId</c>, ...).</summary>
    public Task<AuthenticatedRequest> AuthenticateAsync(HttpRequest request, byte[] body) =>
        Task.FromResult(Authenticate(request, body));

    /// <summary>The signing name of the service a request is for, even when its signature is wrong or
    /// missing: the credential scope's service, else inferred from <c>X-Amz-Target</c> or the query
    /// form, else "s3". The host renders authentication errors in that service's protocol.</summary>
    public string ResolveSigningName(HttpRequest request)
    {
        if (SigV4Credential.TryReadService(request) is { } service)
        {
            return service;
        }

        // The IAM Identity Center portal authenticates with a bearer token, not SigV4.
        if (request.Headers.ContainsKey(Services.Sso.SsoPortalService.BearerTokenHeader))
        {
            return "awsssoportal";
        }

        var target = request.Headers["X-Amz-Target"].ToString();
        foreach (var (prefix, signingName) in JsonTargets)
        {
            if (target.StartsWith(prefix, StringComparison.Ordinal))
            {
                return signingName;
            }
        }

        return request.HasFormContentType && request.Path == "/" ? "sts" : "s3";
    }

    private AuthenticatedRequest Authenticate(HttpRequest request, byte[] body)
    {
        var signingName = ResolveSigningName(request);
        SigV4Credential? credential;
        try
        {
            credential = SigV4Credential.Read(request);
        }
        catch (FormatException e)
        {
            throw AuthenticationErrors.IncompleteSignature(signingName, e.Message);
        }

        if (credential is null)
        {
            throw AuthenticationErrors.MissingAuthentication(signingName);
        }

        var isS3 = credential.Service == "s3";
        var (amzDate, requestTime) = ReadRequestTime(request, credential, signingName);
        var identity = _accounts.FindByAccessKey(credential.AccessKeyId)
            ?? throw AuthenticationErrors.UnknownAccessKey(signingName);
        var now = _time.GetUtcNow();
        CheckSessionToken(request, credential, identity, now, signingName);
        CheckRequestTime(credential, amzDate, requestTime, now, signingName);
        if (!credential.IsPresigned && !credential.SignedHeaders.Contains("host"))
        {
            throw AuthenticationErrors.IncompleteSignature(signingName, "'Host' must be a signed header.");
        }

        var payloadHash = PayloadHashOf(request, body, credential, isS3);
        var canonical = CanonicalRequest.Build(request, credential.SignedHeaders, payloadHash, isS3,
            credential.IsPresigned ? "X-Amz-Signature" : null);
        var signingKey = SigV4Signature.SigningKey(identity.SecretAccessKey, credential.ScopeDate, credential.Region, credential.Service);
        var seedSignature = SigV4Signature.Sign(signingKey, SigV4Signature.StringToSign(amzDate, credential.Scope, canonical));
        if (credential.ScopeDate != amzDate[..8] || !SigV4Signature.SignaturesMatch(seedSignature, credential.Signature))
        {
            throw AuthenticationErrors.SignatureMismatch(signingName);
        }

        if (isS3)
        {
            CheckS3Payload(request, body, payloadHash, signingKey, amzDate, credential.Scope, seedSignature);
        }

        return new AuthenticatedRequest(identity.Caller, credential.Region, credential.Service);
    }

    private static (string AmzDate, DateTimeOffset Time) ReadRequestTime(HttpRequest request, SigV4Credential credential, string signingName)
    {
        var amzDate = credential.IsPresigned ? request.Query["X-Amz-Date"].ToString() : request.Headers["X-Amz-Date"].ToString();
        if (DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var time))
        {
            return (amzDate, time);
        }

        // SigV4 also accepts the HTTP Date header (RFC 1123) when X-Amz-Date is absent.
        if (!credential.IsPresigned && amzDate.Length == 0
            && DateTimeOffset.TryParseExact(request.Headers.Date.ToString(), "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out time))
        {
            return (time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), time);
        }

        throw AuthenticationErrors.IncompleteSignature(signingName,
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private static void CheckSessionToken(HttpRequest request, SigV4Credential credential, SigningIdentity identity,
        DateTimeOffset now, string signingName)
    {
        var token = credential.IsPresigned
            ? request.Query["X-Amz-Security-Token"].ToString()
            : request.Headers["X-Amz-Security-Token"].ToString();
        if (identity.SessionToken is null)
        {
            if (token.Length > 0)
            {
                throw AuthenticationErrors.InvalidSessionToken(signingName);
            }

            return;
        }

        if (token.Length == 0 || !SigV4Signature.SignaturesMatch(identity.SessionToken, token))
        {
            throw AuthenticationErrors.InvalidSessionToken(signingName);
        }

        if (identity.Expiration <= now)
        {
            throw AuthenticationErrors.ExpiredToken(signingName);
        }
    }

    private static void CheckRequestTime(SigV4Credential credential, string amzDate, DateTimeOffset requestTime,
        DateTimeOffset now, string signingName)
    {
        if (credential.IsPresigned)
        {
            if (now > requestTime + credential.PresignedExpiry!.Value)
            {
                throw AuthenticationErrors.PresignedUrlExpired();
            }

            return;
        }

        var skew = now - requestTime;
        if (skew.Duration() > TimeSpan.FromMinutes(AllowedClockSkewMinutes))
        {
            throw AuthenticationErrors.ClockSkew(signingName, amzDate, now, requestIsEarlier: skew > TimeSpan.Zero);
        }
    }

    /// <summary>S3 signs whatever x-amz-content-sha256 declares; other services hash the body themselves.</summary>
    private static string PayloadHashOf(HttpRequest request, byte[] body, SigV4Credential credential, bool isS3)
    {
        if (!isS3)
        {
            return SigV4Signature.HexSha256(body);
        }

        if (credential.IsPresigned)
        {
            return request.Headers["X-Amz-Content-SHA256"].ToString() is { Length: > 0 } declared ? declared : UnsignedPayload;
        }

        var payloadHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (payloadHash.Length == 0)
        {
            throw AuthenticationErrors.MissingPayloadHash();
        }

        return payloadHash;
    }

    private static void CheckS3Payload(HttpRequest request, byte[] body, string payloadHash, byte[] signingKey,
        string amzDate, string scope, string seedSignature)
    {
        switch (payloadHash)
        {
            case UnsignedPayload:
                return;
            case StreamingUnsignedTrailer:
                ParseChunked(body);
                return;
            case StreamingSigned or StreamingSignedTrailer:
                VerifyChunkSignatures(ParseChunked(body), signingKey, amzDate, scope, seedSignature,
                    expectTrailer: payloadHash == StreamingSignedTrailer);
                return;
            default:
                if (payloadHash.Length != 64 || !payloadHash.All(Uri.IsHexDigit))
                {
                    throw AuthenticationErrors.InvalidPayloadHash();
                }

                if (!string.Equals(payloadHash, SigV4Signature.HexSha256(body), StringComparison.OrdinalIgnoreCase))
                {
                    throw AuthenticationErrors.PayloadHashMismatch();
                }

                return;
        }
    }

    private static AwsChunkedPayload ParseChunked(byte[] body)
    {
        try
        {
            return AwsChunkedPayload.Parse(body);
        }
        catch (FormatException e)
        {
            throw AuthenticationErrors.MalformedChunkedBody(e.Message);
        }
    }

    /// <summary>Each chunk is signed over the previous signature, chaining back to the header's seed.</summary>
    private static void VerifyChunkSignatures(AwsChunkedPayload payload, byte[] signingKey, string amzDate, string scope,
        string seedSignature, bool expectTrailer)
    {
        var previous = seedSignature;
        foreach (var chunk in payload.Chunks)
        {
            var stringToSign = $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n{previous}\n{SigV4Signature.EmptyPayloadHash}\n" +
                SigV4Signature.HexSha256(chunk.Data.Span);
            var expected = SigV4Signature.Sign(signingKey, stringToSign);
            if (chunk.Signature is null || !SigV4Signature.SignaturesMatch(expected, chunk.Signature))
            {
                throw AuthenticationErrors.SignatureMismatch("s3");
            }

            previous = expected;
        }

        if (!expectTrailer)
        {
            return;
        }

        var trailingHeaders = new StringBuilder();
        foreach (var (name, value) in payload.Trailers.Where(t => t.Key != "x-amz-trailer-signature"))
        {
            trailingHeaders.Append(name).Append(':').Append(value).Append('\n');
        }

        var trailerStringToSign = $"AWS4-HMAC-SHA256-TRAILER\n{amzDate}\n{scope}\n{previous}\n" +
            SigV4Signature.HexSha256(Encoding.UTF8.GetBytes(trailingHeaders.ToString()));
        var expectedTrailer = SigV4Signature.Sign(signingKey, trailerStringToSign);
        if (payload.TrailerSignature is null || !SigV4Signature.SignaturesMatch(expectedTrailer, payload.TrailerSignature))
        {
            throw AuthenticationErrors.SignatureMismatch("s3");
        }
    }
}
