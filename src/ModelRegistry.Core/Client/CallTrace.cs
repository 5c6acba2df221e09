using System;

namespace ModelRegistry.Core.Client;

/// <summary>Where a failed call's operation, endpoint and lost answer are kept on the exception (Exception.Data).</summary>
public static class CallTrace
{
    public const string OperationKey = "ModelRegistry.Operation";
    public const string EndpointKey = "ModelRegistry.Endpoint";

    /// <summary>What the failed call was reading, when its request does not say (an S3 GetObject names no report).</summary>
    public const string SubjectKey = "ModelRegistry.Subject";

    /// <summary>Set on a service error when an earlier attempt of the same call got no answer.</summary>
    public const string AnswerLostKey = "ModelRegistry.AnswerLost";

    /// <summary>Whether an earlier attempt of the failed call was sent and got no answer, so it may have
    /// taken effect: the error (a create's "already exists", a delete's "does not exist") may be its result.</summary>
    public static bool AnswerWasLost(Exception e) => e.Data[AnswerLostKey] is true;
}
