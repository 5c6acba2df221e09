namespace ModelRegistry.Core.Errors;

/// <summary>An AWS failure as plain data: the ErrorId it is known by (the service's error code),
/// its kind, and the request id AWS support asks for.</summary>
public sealed class AwsFailure
{
    public AwsFailure(string errorId, ErrorKind kind, string? requestId)
    {
        ErrorId = errorId;
        Kind = kind;
        RequestId = requestId;
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    public string? RequestId { get; }
}
