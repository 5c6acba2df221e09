using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.PowerShell.Output;

/// <summary>The one place that turns failures into ErrorRecords with stable ErrorIds: the AWS error
/// code for AWS errors, an <see cref="ErrorIds"/> constant for the module's own.</summary>
internal static class ErrorRecords
{
    /// <summary>The record for a failure this module expects (AWS, connection, bad input);
    /// false for anything else, which is a bug and should surface as it is.</summary>
    public static bool TryCreate(Exception e, object? target, IReadOnlyDictionary<string, string>? parameterOfMember, bool cancellationRequested,
        out ErrorRecord record)
    {
        record = e switch
        {
            ModelRegistryValidationException validation => FromValidation(validation, parameterOfMember, target),
            ModelRegistryException own => new ErrorRecord(own, own.ErrorId, CategoryOf(own.Kind), own.Value ?? target ?? own.ParameterName),
            _ when AwsErrors.Report(e, cancellationRequested) is { } aws => FromAws(e, aws, target),
            ArgumentException { ParamName: not null } argument => new ErrorRecord(argument, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, target),
            _ => null!,
        };
        return record != null;
    }

    /// <summary>A change that was planned or applied and did not end as asked.</summary>
    public static ErrorRecord ChangeFailed(ResourceChange change) =>
        new(new InvalidOperationException($"{change.Resource} {change.Target}: {change.Message}"), ErrorIds.ChangeFailed, ErrorCategory.InvalidOperation,
            change);

    public static ErrorRecord InvalidArgument(string errorId, string message, string parameter, object? value) =>
        new(ModelRegistryException.InvalidArgument(errorId, parameter, value, message), errorId, ErrorCategory.InvalidArgument, value);

    private static ErrorRecord FromAws(Exception e, AwsFailure aws, object? target) =>
        WithCall(new ErrorRecord(e, aws.ErrorId, CategoryOf(aws.Kind), target), e, aws.RequestId == null ? null : $" (request id {aws.RequestId})");

    /// <summary>The message names what was being read, the operation and the endpoint that failed, when they were stamped.</summary>
    private static ErrorRecord WithCall(ErrorRecord record, Exception e, string? suffix)
    {
        var call = (e.Data[CallTrace.SubjectKey] is string subject ? subject + ": " : "")
            + (e.Data[CallTrace.OperationKey] is string operation && e.Data[CallTrace.EndpointKey] is string endpoint ? $"{operation} at {endpoint}: " : "");
        if (call.Length > 0 || suffix != null) record.ErrorDetails = new ErrorDetails(call + e.Message + suffix);
        return record;
    }

    /// <summary>A request member broke the API's rules: the message names the cmdlet parameter the
    /// member came from (when the cmdlet says which), the value and the rule.</summary>
    private static ErrorRecord FromValidation(ModelRegistryValidationException e, IReadOnlyDictionary<string, string>? parameterOfMember, object? target)
    {
        var parameter = e.ParameterIn(parameterOfMember);
        var message = parameter == null ? e.Message : $"-{parameter}: {e.Message}";
        var exception = new ArgumentException(message, parameter ?? e.MemberPath, e);
        return new ErrorRecord(exception, ErrorIds.InvalidParameter + "." + e.Rule, ErrorCategory.InvalidArgument, e.Value ?? target);
    }

    private static ErrorCategory CategoryOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
        ErrorKind.Authentication => ErrorCategory.AuthenticationError,
        ErrorKind.Throttled => ErrorCategory.LimitsExceeded,
        ErrorKind.Conflict => ErrorCategory.ResourceExists,
        ErrorKind.ServiceFailure => ErrorCategory.ResourceUnavailable,
        ErrorKind.Connection => ErrorCategory.ConnectionError,
        ErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        ErrorKind.Unavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.Timeout => ErrorCategory.OperationTimeout,
        _ => ErrorCategory.NotSpecified,
    };
}
