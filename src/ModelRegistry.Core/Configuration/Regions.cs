using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace ModelRegistry.Core.Configuration;

/// <summary>The regions the AWS SDK knows, by system name.</summary>
public static class Regions
{
    public static IReadOnlyList<string> SystemNames { get; } =
        RegionEndpoint.EnumerableAllRegions.Select(region => region.SystemName).OrderBy(name => name, System.StringComparer.Ordinal).ToArray();
}
