using System;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Model;

/// <summary>A SageMaker ARN: arn:&lt;partition&gt;:sagemaker:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;name&gt;.
/// Model groups are model-package-group/&lt;group&gt;, versions model-package/&lt;group&gt;/&lt;n&gt;.
/// SageMaker writes names in ARNs in lower case.</summary>
public sealed class RegistryArn
{
    public const string GroupType = "model-package-group";
    public const string PackageType = "model-package";

    private static readonly Regex Shape = new(
        @"\Aarn:(?<partition>aws[a-z\-]*):sagemaker:(?<region>[a-z0-9\-]*):(?<account>[0-9]{12}):(?<type>[a-z\-]+)/(?<name>.+)\z",
        RegexOptions.CultureInvariant);

    private RegistryArn(string partition, string region, string accountId, string resourceType, string resourceName)
    {
        Partition = partition;
        Region = region;
        AccountId = accountId;
        ResourceType = resourceType;
        ResourceName = resourceName;
        var slash = resourceName.IndexOf('/');
        GroupName = slash < 0 ? resourceName : resourceName.Substring(0, slash);
        if (resourceType == PackageType && slash > 0
            && int.TryParse(resourceName.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            Version = version;
    }

    public string Partition { get; }
    public string Region { get; }
    public string AccountId { get; }

    /// <summary>model-package-group, model-package, or another SageMaker resource type.</summary>
    public string ResourceType { get; }

    /// <summary>Everything after the type: "iris" for a group, "iris/3" for a version.</summary>
    public string ResourceName { get; }

    /// <summary>The model group a group or version ARN belongs to.</summary>
    public string GroupName { get; }

    /// <summary>The version number of a model version ARN; null otherwise.</summary>
    public int? Version { get; }

    public bool IsModelGroup => ResourceType == GroupType;
    public bool IsModelVersion => ResourceType == PackageType && Version != null;

    public static bool TryParse(string? value, out RegistryArn? arn)
    {
        var match = value == null ? Match.Empty : Shape.Match(value);
        arn = match.Success
            ? new RegistryArn(match.Groups["partition"].Value, match.Groups["region"].Value, match.Groups["account"].Value,
                match.Groups["type"].Value, match.Groups["name"].Value)
            : null;
        return arn != null;
    }

    /// <summary>Refuses a model group ARN where a version is expected (a group piped in by mistake),
    /// before anything is sent; any other text is left to the request's own validation.</summary>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ModelRegistryException">NotAModelVersionArn.</exception>
    public static string RefuseGroup(string value, string parameterName) =>
        TryParse(value, out var arn) && arn!.IsModelGroup
            ? throw ModelRegistryException.InvalidArgument(ErrorIds.NotAModelVersionArn, parameterName, value,
                $"-{parameterName}: '{value}' is a model group ARN; give a model version ARN (pipe Get-MRModelVersion output).")
            : value;

    public static RegistryArn Parse(string value) =>
        TryParse(value, out var arn) ? arn! : throw new FormatException($"'{value}' is not a SageMaker ARN.");

    public static RegistryArn ForGroup(string region, string accountId, string groupName, string partition = "aws") =>
        new(partition, region, accountId, GroupType, groupName.ToLowerInvariant());

    public static RegistryArn ForVersion(string region, string accountId, string groupName, int version, string partition = "aws") =>
        new(partition, region, accountId, PackageType, groupName.ToLowerInvariant() + "/" + version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The resource pattern that covers every version of this ARN's group: model-package/&lt;group&gt;/*.</summary>
    public string AllVersionsPattern => $"arn:{Partition}:sagemaker:{Region}:{AccountId}:{PackageType}/{GroupName}/*";

    public override string ToString() => $"arn:{Partition}:sagemaker:{Region}:{AccountId}:{ResourceType}/{ResourceName}";
}
