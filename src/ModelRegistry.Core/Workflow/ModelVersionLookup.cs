using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Workflow;

/// <summary>A version named by its group and number, or the group's newest version, as an ARN.</summary>
public static class ModelVersionLookup
{
    /// <param name="version">The version number; null for the newest version.</param>
    /// <exception cref="ModelRegistryException">ModelVersionNotFound: the group has no such version.</exception>
    public static async Task<string> FindArnAsync(SageMakerClient client, string groupName, int? version, CancellationToken cancellationToken)
    {
        var listing = new ModelVersionListing(client) { Versions = version is int number ? new[] { number } : null, LatestOnly = version is null };
        await foreach (var listed in listing.ListAsync(groupName, cancellationToken).ConfigureAwait(false))
        {
            if (listed.Version is { } found) return found.Arn;
        }

        throw new ModelRegistryException(ErrorIds.ModelVersionNotFound, ErrorKind.NotFound,
            version is null ? $"-GroupName: the model group '{groupName}' has no versions." : $"-Version: the model group '{groupName}' has no version {version}.",
            version is null ? "GroupName" : "Version", (object?)version ?? groupName);
    }
}
