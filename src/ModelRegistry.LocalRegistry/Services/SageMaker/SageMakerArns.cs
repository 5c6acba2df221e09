using ModelRegistry.Core.Model;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>Where a SageMaker resource lives: its account, region and (lower-case) name.</summary>
internal sealed record ResourceLocation(string AccountId, string Region, string Name)
{
    /// <summary>The document store scope of the resource.</summary>
    public string Scope => DocumentScope.Regional(AccountId, Region);
}

/// <summary>SageMaker ARNs. SageMaker writes resource names in ARNs in lower case, and names are
/// unique regardless of case, so lower-case names are also the storage keys.</summary>
internal static class SageMakerArns
{
    public const string GroupType = RegistryArn.GroupType;
    public const string PackageType = RegistryArn.PackageType;

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

        if (!RegistryArn.TryParse(nameOrArn, out var arn) || arn!.ResourceType != expectedType)
        {
            throw new AwsServiceError("ValidationException", $"The ARN '{nameOrArn}' is not a SageMaker {expectedType} ARN.");
        }

        return InRegion(arn, region);
    }

    /// <summary>The type and location of any SageMaker ARN (tags accept several resource types).</summary>
    public static (string Type, ResourceLocation Location) Parse(string arn, string region)
    {
        if (!RegistryArn.TryParse(arn, out var parsed))
        {
            throw new AwsServiceError("ValidationException", $"The ARN '{arn}' is not a SageMaker ARN.");
        }

        return (parsed!.ResourceType, InRegion(parsed, region));
    }

    private static ResourceLocation InRegion(RegistryArn arn, string region) =>
        arn.Region == region
            ? new ResourceLocation(arn.AccountId, region, arn.ResourceName.ToLowerInvariant())
            : throw new AwsServiceError("ValidationException", "ARN should be scoped to correct region: " + region);
}
