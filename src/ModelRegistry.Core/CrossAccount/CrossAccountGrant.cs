using System;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// What one cross-account registration set-up connects: a training account that builds models
/// (its ECR repository, S3 bucket and KMS key) and a registry account whose model group receives
/// them. Every name and ARN the four resource changes use is derived here, in one place.
/// </summary>
public sealed class CrossAccountGrant
{
    private static readonly Regex AccountIdPattern = new("^[0-9]{12}$", RegexOptions.CultureInvariant);
    private static readonly Regex KeyArnPattern = new(
        "^arn:aws[a-z-]*:kms:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):key/(?<id>.+)$", RegexOptions.CultureInvariant);

    public CrossAccountGrant(
        string registryAccountId,
        string trainingAccountId,
        string modelGroupName,
        string repositoryName,
        string bucketName,
        string? bucketPrefix,
        string kmsKeyId,
        string region)
    {
        RegistryAccountId = RequireAccount(registryAccountId, nameof(registryAccountId));
        TrainingAccountId = RequireAccount(trainingAccountId, nameof(trainingAccountId));
        if (RegistryAccountId == TrainingAccountId)
        {
            throw new ArgumentException("The registry and training accounts are the same account; cross-account access is only needed between two accounts.", nameof(trainingAccountId));
        }

        ModelGroupName = RequireText(modelGroupName, nameof(modelGroupName));
        RepositoryName = RequireText(repositoryName, nameof(repositoryName));
        BucketName = RequireText(bucketName, nameof(bucketName));
        BucketPrefix = string.IsNullOrEmpty(bucketPrefix) ? null : bucketPrefix!.TrimStart('/');
        Region = RequireText(region, nameof(region));
        KmsKeyId = RequireText(kmsKeyId, nameof(kmsKeyId));
        var keyArn = KeyArnPattern.Match(KmsKeyId);
        if (keyArn.Success && keyArn.Groups["account"].Value != TrainingAccountId)
        {
            throw new ArgumentException($"The KMS key '{KmsKeyId}' belongs to account {keyArn.Groups["account"].Value}, not to the training account {TrainingAccountId}.", nameof(kmsKeyId));
        }

        KmsKeyArn = keyArn.Success ? KmsKeyId : $"arn:aws:kms:{Region}:{TrainingAccountId}:key/{KmsKeyId}";
    }

    public string RegistryAccountId { get; }

    public string TrainingAccountId { get; }

    public string ModelGroupName { get; }

    public string RepositoryName { get; }

    public string BucketName { get; }

    /// <summary>The key prefix the registry account may read (e.g. "models/"); null for the whole bucket.</summary>
    public string? BucketPrefix { get; }

    /// <summary>The key as the caller gave it (id or ARN).</summary>
    public string KmsKeyId { get; }

    public string KmsKeyArn { get; }

    public string Region { get; }

    public string ModelGroupArn => RegistryArn.ForGroup(Region, RegistryAccountId, ModelGroupName).ToString();

    /// <summary>Every version of the group: model-package/&lt;group&gt;/*.</summary>
    public string ModelVersionsArn => RegistryArn.ForGroup(Region, RegistryAccountId, ModelGroupName).AllVersionsPattern;

    public string RepositoryArn => $"arn:aws:ecr:{Region}:{TrainingAccountId}:repository/{RepositoryName}";

    public string BucketArn => "arn:aws:s3:::" + BucketName;

    /// <summary>The objects under <see cref="BucketPrefix"/> (all objects without one).</summary>
    public string ObjectsArn => $"arn:aws:s3:::{BucketName}/{BucketPrefix}*";

    public string RegistryPrincipal => AccountRoot(RegistryAccountId);

    public string TrainingPrincipal => AccountRoot(TrainingAccountId);

    /// <summary>The KMS grant's name, by which a later run finds (and Revoke removes) exactly this grant.</summary>
    public string KmsGrantName => "ModelRegistryCrossAccount-" + RegistryAccountId;

    /// <summary>The account that owns (and alone may change) a resource of this kind.</summary>
    public string AccountOf(CrossAccountResource resource) => SideOf(resource) == AccountSide.Registry ? RegistryAccountId : TrainingAccountId;

    public static AccountSide SideOf(CrossAccountResource resource) =>
        resource == CrossAccountResource.ModelGroupPolicy ? AccountSide.Registry : AccountSide.Training;

    /// <summary>The ARN a resource change is about, as shown to people and used as ShouldProcess target.</summary>
    public string TargetOf(CrossAccountResource resource) => resource switch
    {
        CrossAccountResource.RepositoryPolicy => RepositoryArn,
        CrossAccountResource.BucketPolicy => BucketArn,
        CrossAccountResource.KmsGrant => KmsKeyArn,
        _ => ModelGroupArn,
    };

    public static string AccountRoot(string accountId) => $"arn:aws:iam::{accountId}:root";

    private static string RequireAccount(string value, string parameter) =>
        value != null && AccountIdPattern.IsMatch(value)
            ? value
            : throw new ArgumentException($"'{value}' is not an AWS account id (12 digits).", parameter);

    private static string RequireText(string value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A value is required.", parameter) : value;
}
