using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Client;

/// <summary>Group names for tab completion: one quick listing that gives up rather than waits.</summary>
public static class ModelGroupNames
{
    /// <returns>Up to 100 names containing <paramref name="typed"/>.</returns>
    /// <exception cref="OperationCanceledException">No answer within <paramref name="giveUpAfter"/>.</exception>
    public static async Task<IReadOnlyList<string>> ListQuicklyAsync(ResolvedConnection resolved, string typed, TimeSpan giveUpAfter)
    {
        using var giveUp = new CancellationTokenSource(giveUpAfter);
        var connection = new AwsConnection(resolved.Credentials, resolved.Region, resolved.EndpointUrl, maxErrorRetry: 0, timeout: giveUpAfter);
        using var client = new SageMakerClient(connection);
        var query = new ModelGroupQuery { NameContains = typed.Length == 0 ? null : typed, PageSize = SageMakerClient.MaxPageSize };
        var names = new List<string>();
        await foreach (var group in client.ListModelPackageGroupsAsync(query, giveUp.Token).ConfigureAwait(false))
        {
            names.Add(group.Name);
            if (names.Count == SageMakerClient.MaxPageSize) break;
        }

        return names;
    }
}
