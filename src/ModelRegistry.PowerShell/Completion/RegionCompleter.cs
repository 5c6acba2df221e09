using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Amazon;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Region system names the AWS SDK knows (us-east-1, eu-west-1, ...).</summary>
public sealed class RegionCompleter : ListCompleter
{
    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete) =>
        RegionEndpoint.EnumerableAllRegions.Select(region => region.SystemName).OrderBy(name => name, System.StringComparer.Ordinal);
}
