using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace ModelRegistry.Core.Model;

/// <summary>A read-only list whose text is its items' text joined by "; ", so Export-Csv and "$list" show the
/// items instead of a type name (as <see cref="StringMap"/> does for maps); JSON still writes a list.</summary>
public sealed class TextList<T> : ReadOnlyCollection<T>
{
    public TextList(IEnumerable<T> items)
        : base(items.ToList())
    {
    }

    public override string ToString() => string.Join("; ", this.Select(item => item?.ToString()));
}
