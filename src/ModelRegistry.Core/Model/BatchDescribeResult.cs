using System.Collections.Generic;

namespace ModelRegistry.Core.Model;

/// <summary>Why BatchDescribeModelPackage could not describe one ARN.</summary>
public sealed class BatchDescribeError
{
    public BatchDescribeError(string arn, string errorCode, string errorResponse)
    {
        Arn = arn;
        ErrorCode = errorCode;
        ErrorResponse = errorResponse;
    }

    public string Arn { get; }

    public string ErrorCode { get; }

    public string ErrorResponse { get; }
}

/// <summary>The merged result of one or more BatchDescribeModelPackage calls.</summary>
public sealed class BatchDescribeResult
{
    public BatchDescribeResult(IReadOnlyList<ModelVersionSummary> versions, IReadOnlyList<BatchDescribeError> errors)
    {
        Versions = versions;
        Errors = errors;
    }

    public IReadOnlyList<ModelVersionSummary> Versions { get; }

    public IReadOnlyList<BatchDescribeError> Errors { get; }
}
