using System;
using System.Collections.Generic;
using System.Linq;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// The statements a cross-account set-up adds. Their Sids are stable and name the account they
/// let in, so a rerun replaces them in place, Revoke removes exactly them, and statements written
/// by anyone else are never touched.
/// </summary>
public static class CrossAccountStatements
{
    /// <summary>Sid of the registry account's read access to the training repository and the bucket's objects.</summary>
    public const string ReadSidPrefix = "ModelRegistryCrossAccountRead";

    /// <summary>Sid of the registry account's access to the bucket itself (s3:GetBucketAcl).</summary>
    public const string ReadBucketSidPrefix = "ModelRegistryCrossAccountReadBucket";

    /// <summary>Sid of a training account's permission to register versions in a model group.</summary>
    public const string RegisterSidPrefix = "ModelRegistryCrossAccountRegister";

    /// <summary>Pulling an image needs the manifest (BatchGetImage) and the layers (GetDownloadUrlForLayer).</summary>
    public static readonly IReadOnlyList<string> RepositoryActions = new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:Describe*" };

    public static readonly IReadOnlyList<string> ObjectActions = new[] { "s3:GetObject", "s3:GetObjectAcl" };

    public static readonly IReadOnlyList<string> BucketActions = new[] { "s3:GetBucketAcl" };

    /// <summary>What the registry account may do with the training account's key, through the grant.</summary>
    public static readonly IReadOnlyList<string> KmsGrantOperations = new[] { "Decrypt", "GenerateDataKey" };

    /// <summary>The default of Set-MRGroupPolicy: register versions in the group.</summary>
    public const string RegisterAction = "sagemaker:CreateModelPackage";

    /// <summary>Lets a registering account see what it registered (New-MRModelVersion describes the new version).</summary>
    public static readonly IReadOnlyList<string> GroupReadActions = new[]
    {
        "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackageGroup",
    };

    /// <summary>The statements of one resource's policy for <paramref name="grant"/>; none for the KMS grant.</summary>
    public static IReadOnlyList<PolicyStatement> For(CrossAccountGrant grant, ResourceKind resource)
    {
        if (grant is null)
        {
            throw new ArgumentNullException(nameof(grant));
        }

        var registry = PolicyPrincipal.ForAws(grant.RegistryPrincipal);
        return resource switch
        {
            ResourceKind.RepositoryPolicy => new[]
            {
                Allow(ReadSidPrefix + grant.RegistryAccountId, registry, RepositoryActions, grant.RepositoryArn),
            },
            ResourceKind.BucketPolicy => new[]
            {
                Allow(ReadSidPrefix + grant.RegistryAccountId, registry, ObjectActions, grant.ObjectsArn),
                Allow(ReadBucketSidPrefix + grant.RegistryAccountId, registry, BucketActions, grant.BucketArn),
            },
            ResourceKind.ModelGroupPolicy => new[]
            {
                ForModelGroup(
                    RegisterSidPrefix + grant.TrainingAccountId,
                    new[] { grant.TrainingAccountId },
                    new[] { RegisterAction }.Concat(GroupReadActions),
                    grant.ModelGroupArn),
            },
            _ => Array.Empty<PolicyStatement>(),
        };
    }

    /// <summary>
    /// An Allow statement for a model group: version actions on <c>model-package/&lt;group&gt;/*</c>, and the
    /// group's ARN as well when an action acts on the group itself (such as DescribeModelPackageGroup).
    /// </summary>
    public static PolicyStatement ForModelGroup(string sid, IEnumerable<string> accountIds, IEnumerable<string> actions, string modelGroupArn)
    {
        var principals = accountIds.Select(CrossAccountGrant.AccountRoot).ToArray();
        if (principals.Length == 0)
        {
            throw new ArgumentException("At least one account is required.", nameof(accountIds));
        }

        var actionList = actions.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var resources = new List<string> { VersionsOf(modelGroupArn) };
        if (actionList.Any(action => action.IndexOf("ModelPackageGroup", StringComparison.OrdinalIgnoreCase) >= 0 || action.EndsWith("*",
            StringComparison.Ordinal)))
        {
            resources.Insert(0, modelGroupArn);
        }

        return new PolicyStatement(PolicyEffect.Allow, sid: sid, principal: PolicyPrincipal.ForAws(principals), actions: actionList, resources: resources);
    }

    /// <summary>The Sid Set-MRGroupPolicy gives a statement built from accounts: one Sid per set of accounts.</summary>
    public static string RegisterSidFor(IEnumerable<string> accountIds) =>
        RegisterSidPrefix + string.Concat(accountIds.OrderBy(id => id, StringComparer.Ordinal));

    /// <summary>model-package-group/NAME → model-package/NAME/* (every version of the group).</summary>
    public static string VersionsOf(string modelGroupArn) =>
        RegistryArn.TryParse(modelGroupArn, out var arn) && arn!.IsModelGroup
            ? arn.AllVersionsPattern
            : throw new ArgumentException($"'{modelGroupArn}' is not a model group ARN.", nameof(modelGroupArn));

    private static PolicyStatement Allow(string sid, PolicyPrincipal principal, IEnumerable<string> actions, string resource) =>
        new(PolicyEffect.Allow, sid: sid, principal: principal, actions: actions, resources: new[] { resource });
}
