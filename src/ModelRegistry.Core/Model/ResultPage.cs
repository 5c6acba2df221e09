using System.Collections.Generic;

namespace ModelRegistry.Core.Model;

/// <summary>One page of a list operation and the token of the next page (null after the last).</summary>
public sealed class ResultPage<T>
{
    public ResultPage(IReadOnlyList<T> items, string? nextToken)
    {
        Items = items;
        NextToken = string.IsNullOrEmpty(nextToken) ? null : nextToken;
    }

    public IReadOnlyList<T> Items { get; }

    public string? NextToken { get; }
}
