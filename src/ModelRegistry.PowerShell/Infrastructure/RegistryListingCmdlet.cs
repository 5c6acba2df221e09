using System;
using System.Linq;
using System.Management.Automation;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of the Get cmdlets that both list and get one item: the listing parameters they
/// share, and a check that refuses them when one item is asked for.</summary>
public abstract class RegistryListingCmdlet : AwsCmdlet
{
    [Parameter]
    public DateTime? CreatedAfter { get; set; }

    [Parameter]
    public DateTime? CreatedBefore { get; set; }

    [Parameter]
    [ValidateSet("CreationTime", "Name")]
    public string? SortBy { get; set; }

    [Parameter]
    [ValidateSet("Ascending", "Descending")]
    public string? SortOrder { get; set; }

    /// <summary>This cmdlet's own listing-only parameters, besides the shared ones.</summary>
    protected abstract string[] OwnListingParameters { get; }

    /// <summary>Writes an InvalidArgument error naming the first listing parameter given for a
    /// single item (<paramref name="errorId"/>: FilterNeedsGroup, FilterNeedsListing); true if one was.</summary>
    protected bool RefusedListingFilter(string errorId, string item, string why)
    {
        var filter = OwnListingParameters.Concat(new[] { nameof(CreatedAfter), nameof(CreatedBefore), nameof(SortBy), nameof(SortOrder) })
            .FirstOrDefault(IsBound);
        if (filter == null) return false;
        WriteErrorFromWorker(ErrorRecords.InvalidArgument(errorId, $"-{filter} filters a listing; {why}", filter, item));
        return true;
    }
}
