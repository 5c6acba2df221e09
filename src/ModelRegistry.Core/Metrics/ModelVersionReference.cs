using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Metrics;

/// <summary>The versions Compare-MRModelVersion is given: a version ARN, or a version number within a group;
/// and its default reference, the group's newest approved version.</summary>
public static class ModelVersionReference
{
    /// <summary>The ARN of <paramref name="given"/> (an ARN or a number) within <paramref name="groupName"/>.</summary>
    /// <exception cref="ModelRegistryException">InvalidModelVersionReference: neither, or a number without a group.</exception>
    public static async Task<string> ResolveAsync(SageMakerClient client, string given, string? groupName, string parameterName,
        CancellationToken cancellationToken)
    {
        if (RegistryArn.TryParse(given, out var arn) && !arn!.IsModelGroup) return given;
        if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            if (string.IsNullOrEmpty(groupName))
                throw ModelRegistryException.InvalidArgument(ErrorIds.InvalidModelVersionReference, parameterName, given,
                    $"-{parameterName}: version number {number} needs -GroupName (or give the version's ARN or object).");
            return await client.FindVersionArnAsync(groupName!, number, cancellationToken).ConfigureAwait(false);
        }

        throw ModelRegistryException.InvalidArgument(ErrorIds.InvalidModelVersionReference, parameterName, given,
            $"-{parameterName}: '{given}' is neither a model version ARN nor a version number.");
    }

    /// <summary>The group of a comparison: -GroupName, else the group (as an ARN: it may be another account's) of the difference version.</summary>
    public static string GroupOf(string? groupName, string differenceArn)
    {
        if (!string.IsNullOrEmpty(groupName)) return groupName!;
        var version = RegistryArn.Parse(differenceArn);
        return RegistryArn.ForGroup(version.Region, version.AccountId, version.GroupName, version.Partition).ToString();
    }

    /// <summary>The newest approved version of <paramref name="groupName"/>: the default reference.</summary>
    /// <exception cref="ModelRegistryException">NoApprovedVersion.</exception>
    public static async Task<string> LatestApprovedAsync(SageMakerClient client, string groupName, CancellationToken cancellationToken)
    {
        var listing = new ModelVersionListing(client) { Query = new ModelVersionQuery { ApprovalStatus = ModelApprovalStatus.Approved }, LatestOnly = true };
        await foreach (var item in listing.ListAsync(groupName, cancellationToken).ConfigureAwait(false))
        {
            if (item.Version is { } version) return version.Arn;
        }

        throw new ModelRegistryException(ErrorIds.NoApprovedVersion, ErrorKind.NotFound,
            $"-ReferenceVersion: model group '{groupName}' has no approved version to compare with; give -ReferenceVersion.", "ReferenceVersion", groupName);
    }
}
