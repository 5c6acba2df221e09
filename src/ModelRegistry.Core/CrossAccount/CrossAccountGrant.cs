using System.Text;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Resources;

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
        "^arn:aws[a-z-]*:kms:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):key/(?<id>[0-9a-zA-Z-]+)$", RegexOptions.CultureInvariant);

    private static readonly Regex KeyIdPattern = new(
        "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|mrk-[0-9a-fA-F]{32})$", RegexOptions.CultureInvariant);

    // The services' own rules (ECR CreateRepository, S3 bucket naming), so a wrong name fails before any side is read.
    private static readonly Regex RepositoryNamePattern = new(
        "^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$", RegexOptions.CultureInvariant);

    // SageMaker's EntityName.
    private static readonly Regex GroupNamePattern = new("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$", RegexOptions.CultureInvariant);

    private static readonly Regex BucketNamePattern = new("^(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]$", RegexOptions.CultureInvariant);

    /// <summary>S3 object keys are at most 1,024 bytes long.</summary>
    private const int MaxPrefixBytes = 1024;

    /// <param name="bucketPrefix">The key prefix the registry account may read; null only with <paramref name="wholeBucket"/>.</param>
    /// <exception cref="ModelRegistryException">InvalidCrossAccountGrant, naming the parameter at fault.</exception>
    public CrossAccountGrant(
        string registryAccountId,
        string trainingAccountId,
        string modelGroupName,
        string repositoryName,
        string bucketName,
        string? bucketPrefix,
        string kmsKeyId,
        string region,
        bool wholeBucket = false)
    {
        RegistryAccountId = RequireAccount(registryAccountId, "RegistryAccountId");
        TrainingAccountId = RequireAccount(trainingAccountId, "TrainingAccountId");
        if (RegistryAccountId == TrainingAccountId)
        {
            throw Invalid("TrainingAccountId", trainingAccountId,
                "the registry and training accounts are the same account; cross-account access is only needed between two accounts.");
        }

        ModelGroupName = RequireMatch(modelGroupName, "ModelGroupName", GroupNamePattern,
            "a model group name is 1 to 63 letters, digits and hyphens, starting with a letter or digit (or give the group's ARN's name part)");
        RepositoryName = RequireMatch(repositoryName, "RepositoryName", RepositoryNamePattern,
            "an ECR repository name is 2 to 256 lower-case letters, digits and . _ - / (each part starting with a letter or digit)");
        BucketName = RequireMatch(bucketName, "BucketName", BucketNamePattern,
            "an S3 bucket name is 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit");
        BucketPrefix = BucketScope(bucketPrefix, wholeBucket);
        Region = RequireText(region, "Region");
        KmsKeyId = RequireText(kmsKeyId, "KmsKeyId");
        var keyArn = KeyArnPattern.Match(KmsKeyId);
        if (keyArn.Success && keyArn.Groups["account"].Value != TrainingAccountId)
        {
            throw Invalid("KmsKeyId", KmsKeyId, $"the key belongs to account {keyArn.Groups["account"].Value}, not to the training account {TrainingAccountId}.");
        }

        if (!keyArn.Success && !KeyIdPattern.IsMatch(KmsKeyId))
        {
            throw Invalid("KmsKeyId", KmsKeyId, "give the key's id (a UUID, or mrk-... for a multi-Region key) or its ARN; grants cannot be made on an alias.");
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
    public string AccountOf(ResourceKind resource) => SideOf(resource) == AccountSide.Registry ? RegistryAccountId : TrainingAccountId;

    public static AccountSide SideOf(ResourceKind resource) =>
        resource == ResourceKind.ModelGroupPolicy ? AccountSide.Registry : AccountSide.Training;

    /// <summary>The ARN a resource change is about, as shown to people and used as ShouldProcess target.</summary>
    public string TargetOf(ResourceKind resource) => resource switch
    {
        ResourceKind.RepositoryPolicy => RepositoryArn,
        ResourceKind.BucketPolicy => BucketArn,
        ResourceKind.KmsGrant => KmsKeyArn,
        _ => ModelGroupArn,
    };

    public static string AccountRoot(string accountId) => $"arn:aws:iam::{accountId}:root";

    /// <summary>This set-up as a command line, with no credentials: what the other account's administrator runs with their own.</summary>
    public string CommandLine(string cmdletName)
    {
        var text = new StringBuilder(cmdletName);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) text.Append(" -").Append(name).Append(" '").Append(value!.Replace("'", "''")).Append('\'');
        }

        Add("RegistryAccountId", RegistryAccountId);
        Add("TrainingAccountId", TrainingAccountId);
        Add("ModelGroupName", ModelGroupName);
        Add("RepositoryName", RepositoryName);
        Add("BucketName", BucketName);
        Add("BucketPrefix", BucketPrefix);
        if (BucketPrefix is null) text.Append(" -WholeBucket");
        Add("KmsKeyId", KmsKeyId);
        Add("Region", Region);
        return text.ToString();
    }

    /// <summary>A prefix is literal text (S3 policies would read '*' and '?' as wildcards); the whole bucket must be asked for.</summary>
    private static string? BucketScope(string? prefix, bool wholeBucket)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return wholeBucket ? null
                : throw Invalid("BucketPrefix", prefix,
                    "give the key prefix the registry account may read (e.g. 'models/'), or -WholeBucket to let it read every object.");
        }

        if (wholeBucket)
        {
            throw Invalid("WholeBucket", prefix, "give either -BucketPrefix or -WholeBucket, not both.");
        }

        if (prefix!.IndexOfAny(new[] { '*', '?' }) >= 0)
        {
            throw Invalid("BucketPrefix", prefix,
                "'*' and '?' are wildcards in a bucket policy; give a literal key prefix, or -WholeBucket to let the registry account read every object.");
        }

        if (Encoding.UTF8.GetByteCount(prefix) > MaxPrefixBytes)
        {
            throw Invalid("BucketPrefix", prefix.Substring(0, 40) + "...", $"a key prefix is at most {MaxPrefixBytes} bytes long (an S3 object key's limit).");
        }

        return prefix.TrimStart('/');
    }

    private static string RequireAccount(string value, string parameter) =>
        value != null && AccountIdPattern.IsMatch(value)
            ? value
            : throw Invalid(parameter, value, "an AWS account id is 12 digits.");

    private static string RequireMatch(string value, string parameter, Regex pattern, string rule) =>
        value != null && pattern.IsMatch(value) ? value : throw Invalid(parameter, value, rule + ".");

    private static string RequireText(string value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(parameter, value, "a value is required.") : value;

    private static ModelRegistryException Invalid(string parameter, string? value, string rule) =>
        ModelRegistryException.InvalidArgument(ErrorIds.InvalidCrossAccountGrant, parameter, value, $"-{parameter}: {rule}");
}
