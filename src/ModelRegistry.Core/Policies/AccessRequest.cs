using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// A call to authorize against a resource policy: who (account and principal ARN), what action on which resource,
/// and the request context for conditions (keys such as <c>aws:SourceAccount</c>, matched case-insensitively).
/// </summary>
public sealed class AccessRequest
{
    // Parameter names mirror the properties (the agreed record-style signature), so callers can write Context: ...
    public AccessRequest(
        string PrincipalAccountId,
        string PrincipalArn,
        string Action,
        string Resource,
        IReadOnlyDictionary<string, string>? Context = null)
    {
        this.PrincipalAccountId = PrincipalAccountId ?? throw new ArgumentNullException(nameof(PrincipalAccountId));
        this.PrincipalArn = PrincipalArn ?? throw new ArgumentNullException(nameof(PrincipalArn));
        this.Action = Action ?? throw new ArgumentNullException(nameof(Action));
        this.Resource = Resource ?? throw new ArgumentNullException(nameof(Resource));
        this.Context = Context ?? new Dictionary<string, string>();
    }

    /// <summary>The 12-digit account of the caller.</summary>
    public string PrincipalAccountId { get; }

    /// <summary>The caller's ARN, e.g. <c>arn:aws:iam::222222222222:user/ci</c> or an STS assumed-role ARN.</summary>
    public string PrincipalArn { get; }

    /// <summary>The IAM action, e.g. <c>sagemaker:DescribeModelPackageGroup</c>.</summary>
    public string Action { get; }

    /// <summary>The ARN of the resource acted on.</summary>
    public string Resource { get; }

    /// <summary>Condition context; <c>aws:PrincipalAccount</c> and <c>aws:PrincipalArn</c> default to the caller.</summary>
    public IReadOnlyDictionary<string, string> Context { get; }
}
