using System.Globalization;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>A model package named by ARN or name: a version of a group ("group/7") or an unversioned
/// package ("name"), with its storage key and ARN.</summary>
internal sealed record ModelPackageReference(ResourceLocation Location, ResourceLocation? Group, int? Version)
{
    public string Arn => SageMakerArns.Package(Location);

    public string Key => Group is null ? Location.Name : SageMakerCollections.PackageKey(Group.Name, Version!.Value);

    public static ModelPackageReference Resolve(string nameOrArn, string callerAccountId, string region)
    {
        var location = SageMakerArns.Resolve(nameOrArn, SageMakerArns.PackageType, callerAccountId, region);
        var slash = location.Name.IndexOf('/');
        if (slash < 0)
        {
            return new ModelPackageReference(location, null, null);
        }

        var groupName = location.Name[..slash];
        if (!int.TryParse(location.Name[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new AwsServiceError("ValidationException", $"ModelPackage {SageMakerArns.Package(location)} does not exist.");
        }

        return ForVersion(new ResourceLocation(location.AccountId, location.Region, groupName), version);
    }

    public static ModelPackageReference ForVersion(ResourceLocation group, int version) =>
        new(group with { Name = SageMakerArns.VersionName(group.Name, version) }, group, version);
}
