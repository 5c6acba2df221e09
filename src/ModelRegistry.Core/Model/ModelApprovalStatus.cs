using System.Collections.Generic;

namespace ModelRegistry.Core.Model;

/// <summary>The values of SageMaker's ModelApprovalStatus enum.</summary>
public static class ModelApprovalStatus
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string PendingManualApproval = "PendingManualApproval";

    public static IReadOnlyList<string> All { get; } = new[] { Approved, Rejected, PendingManualApproval };
}
