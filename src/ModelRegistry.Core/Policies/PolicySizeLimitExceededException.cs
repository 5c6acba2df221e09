using System;
using System.Globalization;

namespace ModelRegistry.Core.Policies;

/// <summary>A policy is larger than the service that would store it accepts.</summary>
public sealed class PolicySizeLimitExceededException : Exception
{
    public PolicySizeLimitExceededException(PolicySizeLimit limit, int actualSize)
        : base(string.Format(
            CultureInfo.InvariantCulture,
            "The {0} {1} would be {2}, but {0} accepts at most {3}. Remove statements or shorten them.",
            limit.Service,
            limit.PolicyKind,
            limit.Format(actualSize),
            limit.Format(limit.MaximumSize)))
    {
        Limit = limit;
        ActualSize = actualSize;
    }

    public PolicySizeLimit Limit { get; }

    public int ActualSize { get; }
}
