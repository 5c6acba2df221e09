using System;
using System.Net;

namespace ModelRegistry.Core.Client;

/// <summary>What kind of failure an AWS error code means, so callers can react (and PowerShell can
/// pick an ErrorCategory) without a table of codes of their own.</summary>
public enum AwsErrorKind
{
    Other,
    NotFound,
    AccessDenied,
    Authentication,
    InvalidInput,
    Throttled,
    Conflict,
    ServiceFailure,
}

public static class AwsErrorClassification
{
    public static AwsErrorKind Classify(string? code, string? message, HttpStatusCode statusCode)
    {
        code ??= "";
        if (code is "AccessDenied" or "AccessDeniedException") return AwsErrorKind.AccessDenied;
        if (code is "UnrecognizedClientException" or "InvalidSignatureException" or "SignatureDoesNotMatch"
            or "InvalidClientTokenId" or "InvalidAccessKeyId" or "ExpiredToken" or "ExpiredTokenException"
            or "MissingAuthenticationToken" or "MissingAuthenticationTokenException" or "IncompleteSignature"
            or "RequestTimeTooSkewed")
            return AwsErrorKind.Authentication;
        if (code.EndsWith("NotFoundException", StringComparison.Ordinal) || code.StartsWith("NoSuch", StringComparison.Ordinal)
            || code is "ResourceNotFound" or "NotFound" or "NotFoundException")
            return AwsErrorKind.NotFound;
        // SageMaker reports a missing group or version as a ValidationException.
        if (code == "ValidationException" && message != null
            && (message.IndexOf("does not exist", StringComparison.OrdinalIgnoreCase) >= 0
                || message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0))
            return AwsErrorKind.NotFound;
        if (code is "ThrottlingException" or "Throttling" or "ThrottledException" or "TooManyRequestsException"
            or "RequestLimitExceeded" or "SlowDown" or "ResourceLimitExceeded" or "LimitExceededException")
            return AwsErrorKind.Throttled;
        if (code is "ConflictException" or "ResourceInUse" or "ResourceInUseException" or "BucketAlreadyExists"
            or "BucketAlreadyOwnedByYou" or "RepositoryAlreadyExistsException" or "AlreadyExistsException")
            return AwsErrorKind.Conflict;
        if (code is "ValidationException" or "InvalidParameterException" or "InvalidParameterValue"
            or "InvalidParameterCombination" or "MalformedPolicyDocumentException" or "MalformedPolicy"
            or "SerializationException" or "InvalidArnException")
            return AwsErrorKind.InvalidInput;
        if ((int)statusCode >= 500) return AwsErrorKind.ServiceFailure;
        if (statusCode == HttpStatusCode.NotFound) return AwsErrorKind.NotFound;
        if (statusCode == HttpStatusCode.Forbidden) return AwsErrorKind.AccessDenied;
        return AwsErrorKind.Other;
    }
}
