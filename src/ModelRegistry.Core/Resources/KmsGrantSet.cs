using System.Collections.Generic;

namespace ModelRegistry.Core.Resources;

/// <summary>The grants of one name for one grantee on a key: what a <see cref="KmsGrant"/> holds.</summary>
internal sealed class KmsGrantSet
{
    public KmsGrantSet(IReadOnlyList<KmsGrantEntry> grants) => Grants = grants;

    public IReadOnlyList<KmsGrantEntry> Grants { get; }

    /// <summary>What a grant asks for: one grant of <paramref name="name"/> with <paramref name="operations"/>.</summary>
    public static KmsGrantSet Of(string name, string granteePrincipal, IEnumerable<string> operations) =>
        new(new[] { new KmsGrantEntry(string.Empty, name, granteePrincipal, operations) });
}
