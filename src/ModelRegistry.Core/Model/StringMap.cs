using System;
using System.Collections.Generic;
using System.Linq;

namespace ModelRegistry.Core.Model;

/// <summary>Tags, metadata or environment variables: a dictionary (JSON objects stay objects) whose text is
/// <c>key=value; key=value</c>, so Export-Csv and string interpolation show the pairs, not a type name.</summary>
public sealed class StringMap : Dictionary<string, string>
{
    public StringMap()
        : base(StringComparer.Ordinal)
    {
    }

    public override string ToString() => string.Join("; ", this.Select(entry => entry.Key + "=" + entry.Value));
}
