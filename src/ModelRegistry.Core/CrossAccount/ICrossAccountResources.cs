using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>The four resources of one cross-account set-up (in-memory ones stand in for tests).</summary>
internal interface ICrossAccountResources
{
    /// <summary>The repository, bucket or model group policy.</summary>
    IManagedResource<PolicyDocument> PolicyOf(ResourceKind kind);

    KmsGrant KmsGrant();
}
