using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// The values of a string-or-list policy element (<c>Action</c>, <c>Resource</c>, principal identifiers),
/// remembering whether the author wrote a bare string so rendering keeps their choice.
/// </summary>
public sealed class PolicyValueList : IReadOnlyList<string>
{
    private readonly string[] values;

    /// <summary>Values written as a JSON list.</summary>
    public PolicyValueList(IEnumerable<string> values)
        : this(ValidatedCopy(values), writtenAsSingleString: false)
    {
    }

    internal PolicyValueList(string[] values, bool writtenAsSingleString)
    {
        this.values = values;
        IsWrittenAsSingleString = writtenAsSingleString && values.Length == 1;
    }

    /// <summary>True when the document wrote one bare string rather than a list.</summary>
    public bool IsWrittenAsSingleString { get; }

    public int Count => values.Length;

    public string this[int index] => values[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => values.GetEnumerator();

    public override string ToString() => IsWrittenAsSingleString ? values[0] : "[" + string.Join(", ", values) + "]";

    internal JsonNode ToJsonNode()
        => IsWrittenAsSingleString
            ? JsonValue.Create(values[0])!
            : new JsonArray(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());

    private static string[] ValidatedCopy(IEnumerable<string> values)
    {
        if (values is null)
        {
            throw new ArgumentNullException(nameof(values));
        }

        var copy = values.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("A policy element needs at least one value.", nameof(values));
        }

        if (copy.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Policy element values must be non-empty strings.", nameof(values));
        }

        return copy;
    }
}
