using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Client;

/// <summary>Paging of list operations by a NextToken member (nextToken in ECR).</summary>
internal static class JsonPager
{
    public delegate Task<JsonObject> PageCall(JsonObject input, CancellationToken cancellationToken);

    private static async Task<(List<T> Items, string? NextToken)> PageAsync<T>(
        PageCall call,
        JsonObject input,
        string? nextToken,
        string resultKey,
        string tokenMember,
        Func<JsonObject, T> read,
        CancellationToken cancellationToken)
    {
        var pageInput = input.DeepClone().AsObject();
        if (!string.IsNullOrEmpty(nextToken))
        {
            pageInput[tokenMember] = nextToken;
        }

        var output = await call(pageInput, cancellationToken).ConfigureAwait(false);
        var items = output[resultKey] is JsonArray list ? list.OfType<JsonObject>().Select(read).ToList() : new List<T>();
        return (items, JsonMemberPath.Show(output[tokenMember]));
    }

    public static async IAsyncEnumerable<T> ItemsAsync<T>(
        PageCall call,
        JsonObject input,
        string resultKey,
        string tokenMember,
        Func<JsonObject, T> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await PageAsync(call, input, token, resultKey, tokenMember, read, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            // An empty token ends the listing too; a service that repeats its token would otherwise be paged forever.
            token = string.IsNullOrEmpty(page.NextToken) || page.NextToken == token ? null : page.NextToken;
        }
        while (token is not null);
    }
}
