using System;
using System.Collections.Generic;
using System.Management.Automation;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Turns Core's failures into ErrorRecords with stable ErrorIds: the AWS error code for
/// AWS errors, the rule for bad input.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord FromAws(AmazonServiceException e, object? target)
    {
        var code = string.IsNullOrEmpty(e.ErrorCode) ? "AwsServiceError" : e.ErrorCode;
        var kind = AwsErrorClassification.Classify(e.ErrorCode, e.Message, e.StatusCode);
        var record = new ErrorRecord(e, code, CategoryOf(kind), target);
        if (!string.IsNullOrEmpty(e.RequestId)) record.ErrorDetails = new ErrorDetails($"{e.Message} (request id {e.RequestId})");
        return record;
    }

    /// <summary>A request member broke the API's rules: the message names the cmdlet parameter the
    /// member came from (when the cmdlet says which), the value and the rule.</summary>
    public static ErrorRecord FromValidation(ModelRegistryValidationException e, IReadOnlyDictionary<string, string>? parameterOfMember, object? target)
    {
        var parameter = ParameterFor(e.MemberPath, parameterOfMember);
        var message = parameter == null ? e.Message : $"-{parameter}: {e.Message}";
        var exception = new ArgumentException(message, parameter ?? e.MemberPath, e);
        return new ErrorRecord(exception, "InvalidParameter." + e.Rule, ErrorCategory.InvalidArgument, e.Value ?? target);
    }

    public static ErrorRecord InvalidArgument(string errorId, string message, string parameter, object? value) =>
        new(new ArgumentException(message, parameter), errorId, ErrorCategory.InvalidArgument, value);

    private static string? ParameterFor(string memberPath, IReadOnlyDictionary<string, string>? parameterOfMember)
    {
        if (parameterOfMember == null) return null;
        // The longest mapped prefix wins: "InferenceSpecification.Containers[0].Image" → -Image or -Container.
        var path = memberPath;
        while (true)
        {
            var unindexed = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[]");
            if (parameterOfMember.TryGetValue(unindexed, out var parameter)) return parameter;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            // "" maps every member to one parameter (-InputJson takes the whole request).
            if (cut <= 0) return parameterOfMember.TryGetValue("", out var whole) ? whole : null;
            path = path.Substring(0, cut);
        }
    }

    private static ErrorCategory CategoryOf(AwsErrorKind kind) => kind switch
    {
        AwsErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        AwsErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
        AwsErrorKind.Authentication => ErrorCategory.AuthenticationError,
        AwsErrorKind.InvalidInput => ErrorCategory.InvalidArgument,
        AwsErrorKind.Throttled => ErrorCategory.LimitsExceeded,
        AwsErrorKind.Conflict => ErrorCategory.ResourceExists,
        AwsErrorKind.ServiceFailure => ErrorCategory.ResourceUnavailable,
        _ => ErrorCategory.NotSpecified,
    };
}
