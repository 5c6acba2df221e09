using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace ModelRegistry.Core.Configuration;

/// <summary>The regions the AWS SDK knows, by system name.</summary>
public static class Regions
{
    /// <summary>Real regions only: the SDK's pseudo-regions (us-east-1-regional, aws-global) are not offered.</summary>
    public static IReadOnlyList<string> SystemNames { get; } =
        RegionEndpoint.EnumerableAllRegions.Select(region => region.SystemName)
            .Where(name => System.Text.RegularExpressions.Regex.IsMatch(name, @"^[a-z]{2}(-[a-z]+)+-\d{1,2}$"))
            .OrderBy(name => name, System.StringComparer.Ordinal).ToArray();
}
