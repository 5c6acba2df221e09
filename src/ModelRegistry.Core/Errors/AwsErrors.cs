using System;
using System.Net;
using Amazon.Runtime;

namespace ModelRegistry.Core.Errors;

/// <summary>The one place that reads AWS failures: what kind an error code is, whether an exception
/// is an AWS failure at all, and how to say it in one line.</summary>
public static class AwsErrors
{
    public static ErrorKind Classify(string? code, string? message, HttpStatusCode statusCode)
    {
        code ??= "";
        if (code is "AccessDenied" or "AccessDeniedException") return ErrorKind.AccessDenied;
        if (code is "UnrecognizedClientException" or "InvalidSignatureException" or "SignatureDoesNotMatch"
            or "InvalidClientTokenId" or "InvalidAccessKeyId" or "ExpiredToken" or "ExpiredTokenException"
            or "MissingAuthenticationToken" or "MissingAuthenticationTokenException" or "IncompleteSignature"
            or "RequestTimeTooSkewed")
            return ErrorKind.Authentication;
        if (code.EndsWith("NotFoundException", StringComparison.Ordinal) || code.StartsWith("NoSuch", StringComparison.Ordinal)
            || code is "ResourceNotFound" or "NotFound" or "NotFoundException")
            return ErrorKind.NotFound;
        // SageMaker reports a missing group or version as a ValidationException.
        if (code == "ValidationException" && message != null
            && (message.IndexOf("does not exist", StringComparison.OrdinalIgnoreCase) >= 0
                || message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0))
            return ErrorKind.NotFound;
        if (code is "ThrottlingException" or "Throttling" or "ThrottledException" or "TooManyRequestsException"
            or "RequestLimitExceeded" or "SlowDown" or "ResourceLimitExceeded" or "LimitExceededException")
            return ErrorKind.Throttled;
        if (code is "ConflictException" or "ResourceInUse" or "ResourceInUseException" or "BucketAlreadyExists"
            or "BucketAlreadyOwnedByYou" or "RepositoryAlreadyExistsException" or "AlreadyExistsException")
            return ErrorKind.Conflict;
        if (code is "ValidationException" or "InvalidParameterException" or "InvalidParameterValue"
            or "InvalidParameterCombination" or "MalformedPolicyDocumentException" or "MalformedPolicy"
            or "SerializationException" or "InvalidArnException")
            return ErrorKind.InvalidArgument;
        if ((int)statusCode >= 500) return ErrorKind.ServiceFailure;
        if (statusCode == HttpStatusCode.NotFound) return ErrorKind.NotFound;
        if (statusCode == HttpStatusCode.Forbidden) return ErrorKind.AccessDenied;
        return ErrorKind.Other;
    }

    public static ErrorKind Classify(AmazonServiceException e) => Classify(e.ErrorCode, e.Message, e.StatusCode);

    /// <summary>A create refused because the name is taken (SageMaker: a ValidationException saying so).</summary>
    public static bool IsAlreadyExists(AmazonServiceException e) =>
        Classify(e) == ErrorKind.Conflict
        || (e.ErrorCode == "ValidationException" && e.Message?.IndexOf("already exists", StringComparison.OrdinalIgnoreCase) >= 0);

    /// <summary>An AWS answer that was an error, or a request that got no answer (not a bug, not Ctrl+C).</summary>
    public static bool IsAwsFailure(Exception e, bool cancellationRequested = false) =>
        e is AmazonServiceException || IsConnectionFailure(e, cancellationRequested);

    /// <summary>Connection refused, DNS, time-outs: the request never got an AWS answer.</summary>
    public static bool IsConnectionFailure(Exception e, bool cancellationRequested) => e switch
    {
        AmazonServiceException => false,
        AmazonClientException client => client.InnerException is not OperationCanceledException || !cancellationRequested,
        System.Net.Http.HttpRequestException => true,
        WebException => true,
        System.IO.IOException => true,
        OperationCanceledException => !cancellationRequested, // an HTTP time-out, not Ctrl+C
        _ => false,
    };

    /// <summary>What an AWS failure is, for callers that must not depend on the SDK's types (the
    /// PowerShell layer, which may share a process with another copy of the SDK); null for any
    /// other exception.</summary>
    public static AwsFailure? Report(Exception e, bool cancellationRequested) => e switch
    {
        AmazonServiceException service => new AwsFailure(
            string.IsNullOrEmpty(service.ErrorCode) ? ErrorIds.AwsServiceError : service.ErrorCode, Classify(service),
            string.IsNullOrEmpty(service.RequestId) ? null : service.RequestId),
        _ when IsConnectionFailure(e, cancellationRequested) => new AwsFailure(ErrorIds.AwsClientError, ErrorKind.Connection, null),
        _ => null,
    };

    /// <summary>"Code: message" for a service error, the message otherwise.</summary>
    public static string Describe(Exception e) =>
        e is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode) ? $"{service.ErrorCode}: {e.Message}" : e.Message;
}
