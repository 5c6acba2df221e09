namespace ModelRegistry.Core.Errors;

/// <summary>What kind of failure an error is, so callers can react (and PowerShell can pick an
/// ErrorCategory) without a table of codes of their own.</summary>
public enum ErrorKind
{
    Other,
    InvalidArgument,
    NotFound,
    AccessDenied,
    Authentication,
    Throttled,
    Conflict,
    ServiceFailure,

    /// <summary>The request never got an AWS answer: connection refused, DNS, a time-out.</summary>
    Connection,

    /// <summary>A change was made (or tried) and did not end as asked.</summary>
    InvalidOperation,

    /// <summary>Something the module needs locally (the local registry, a runtime) is not available.</summary>
    Unavailable,

    /// <summary>A wait ended before what it waited for happened.</summary>
    Timeout,
}
