using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>
/// The ECR operations behind model images: repositories and their policies. Inputs are validated
/// against the ECR model; service errors surface as <see cref="AmazonServiceException"/>.
/// </summary>
public sealed class EcrClient : ValidatedJsonClient
{
    public EcrClient(AwsConnection connection)
        : base(JsonServiceDescriptor.Ecr, new JsonServiceClient(JsonServiceDescriptor.Ecr, connection))
    {
    }

    public async Task<ContainerRepository> CreateRepositoryAsync(string repositoryName, IEnumerable<ResourceTag>? tags, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["repositoryName"] = repositoryName };
        if (tags is not null)
        {
            input["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t.ToJson()).ToArray());
        }

        var output = await CallAsync("CreateRepository", input, cancellationToken).ConfigureAwait(false);
        return ContainerRepository.FromJson(output["repository"] as JsonObject ?? new JsonObject());
    }

    /// <summary>Replaces the repository policy. <paramref name="force"/> allows a policy that would lock the caller out.</summary>
    /// <returns>The policy text now in force.</returns>
    public async Task<string> SetRepositoryPolicyAsync(string repositoryName, string policyText, bool force, string? registryId,
        CancellationToken cancellationToken)
    {
        var input = Registry(registryId);
        input["repositoryName"] = repositoryName;
        input["policyText"] = policyText;
        if (force)
        {
            input["force"] = true;
        }

        return PolicyText(await CallAsync("SetRepositoryPolicy", input, cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> GetRepositoryPolicyAsync(string repositoryName, string? registryId, CancellationToken cancellationToken)
    {
        var input = Registry(registryId);
        input["repositoryName"] = repositoryName;
        return PolicyText(await CallAsync("GetRepositoryPolicy", input, cancellationToken).ConfigureAwait(false));
    }

    /// <returns>The policy text that was deleted.</returns>
    public async Task<string> DeleteRepositoryPolicyAsync(string repositoryName, string? registryId, CancellationToken cancellationToken)
    {
        var input = Registry(registryId);
        input["repositoryName"] = repositoryName;
        return PolicyText(await CallAsync("DeleteRepositoryPolicy", input, cancellationToken).ConfigureAwait(false));
    }

    private static JsonObject Registry(string? registryId) =>
        registryId is null ? new JsonObject() : new JsonObject { ["registryId"] = registryId };

    private static string PolicyText(JsonObject output) => JsonMemberPath.Show(output["policyText"]) ?? string.Empty;
}
