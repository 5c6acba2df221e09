using System.Text.RegularExpressions;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>Where a SageMaker resource lives: its account, region and (lower-case) name.</summary>
internal sealed record ResourceLocation(string AccountId, string Region, string Name)
{
    /// <summary>The document store scope of the resource.</summary>
    public string Scope => AccountId + "/" + Region;
}

/// <summary>SageMaker ARNs. SageMaker writes resource names in ARNs in lower case, and names are
/// unique regardless of case, so lower-case names are also the storage keys.</summary>
internal static partial class SageMakerArns
{
    public const string GroupType = "model-package-group";
    public const string PackageType = "model-package";

    public static string Group(ResourceLocation group) =>
        $"arn:aws:sagemaker:{group.Region}:{group.AccountId}:{GroupType}/{group.Name}";

    public static string Package(ResourceLocation package) =>
        $"arn:aws:sagemaker:{package.Region}:{package.AccountId}:{PackageType}/{package.Name}";

    /// <summary>The storage name of version <paramref name="version"/> of a group: "group/7".</summary>
    public static string VersionName(string groupName, int version) => groupName + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name or ARN (as the ArnOrName shapes allow) resolved against the caller's account and region.</summary>
    public static ResourceLocation Resolve(string nameOrArn, string expectedType, string callerAccountId, string region)
    {
        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new ResourceLocation(callerAccountId, region, nameOrArn.ToLowerInvariant());
        }

        var match = ArnPattern().Match(nameOrArn);
        if (!match.Success || match.Groups["type"].Value != expectedType)
        {
            throw new AwsServiceError("ValidationException", $"The ARN '{nameOrArn}' is not a SageMaker {expectedType} ARN.");
        }

        if (match.Groups["region"].Value != region)
        {
            throw new AwsServiceError("ValidationException", "ARN should be scoped to correct region: " + region);
        }

        return new ResourceLocation(match.Groups["account"].Value, region, match.Groups["name"].Value.ToLowerInvariant());
    }

    /// <summary>The type and location of any SageMaker ARN (tags accept several resource types).</summary>
    public static (string Type, ResourceLocation Location) Parse(string arn, string region)
    {
        var match = ArnPattern().Match(arn);
        if (!match.Success)
        {
            throw new AwsServiceError("ValidationException", $"The ARN '{arn}' is not a SageMaker ARN.");
        }

        if (match.Groups["region"].Value != region)
        {
            throw new AwsServiceError("ValidationException", "ARN should be scoped to correct region: " + region);
        }

        return (match.Groups["type"].Value, new ResourceLocation(match.Groups["account"].Value, region, match.Groups["name"].Value.ToLowerInvariant()));
    }

    [GeneratedRegex(@"\Aarn:aws[a-z\-]*:sagemaker:(?<region>[a-z0-9\-]*):(?<account>[0-9]{12}):(?<type>[a-z\-]+)/(?<name>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();
}
