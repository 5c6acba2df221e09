namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>Document store collections of the SageMaker emulation; every scope is "account/region".</summary>
internal static class SageMakerCollections
{
    /// <summary>Key: lower-case group name. Value: <see cref="ModelPackageGroupRecord"/>.</summary>
    public const string Groups = "sagemaker/model-package-groups";

    /// <summary>Key: "group/000000007" for versions (zero-padded so keys sort by version), the lower-case
    /// name for unversioned packages. Value: the DescribeModelPackage output.</summary>
    public const string Packages = "sagemaker/model-packages";

    /// <summary>Key: "callerAccount/ClientToken". Value: {"ModelPackageArn": ..., "Request": ...}: the package
    /// it created and the request it stands for (tokens from older stores have no Request).</summary>
    public const string ClientTokens = "sagemaker/client-tokens";

    /// <summary>Key: resource ARN. Value: the TagList.</summary>
    public const string Tags = "sagemaker/tags";

    public static string PackageKey(string groupName, int version) => groupName + "/" + version.ToString("D9",
        System.Globalization.CultureInfo.InvariantCulture);
}
