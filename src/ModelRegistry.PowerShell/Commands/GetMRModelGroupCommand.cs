using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Gets model groups by name, ARN or wildcard pattern, or lists them.</summary>
[Cmdlet(VerbsCommon.Get, "MRModelGroup", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(ModelGroup))]
public sealed class GetMRModelGroupCommand : RegistryListingCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageGroupName"] = nameof(Name), ["NameContains"] = nameof(NameContains) };

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    private const string ByNameSet = "ByName";
    private const string ByFilterSet = "ByFilter";

    [Parameter(Position = 0, ParameterSetName = ByNameSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupName", "GroupName", "Arn", "ModelPackageGroupArn")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = ByFilterSet)]
    public string? NameContains { get; set; }

    /// <summary>Lists the groups of other accounts whose resource policy shares them with this one.</summary>
    [Parameter]
    public SwitchParameter CrossAccount { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (Name == null || Name.Length == 0)
        {
            await ListAsync(NameContains, null, cancellationToken);
            return;
        }

        foreach (var name in Name)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                await ListAsync(LiteralPrefix(name), new WildcardPattern(name, WildcardOptions.IgnoreCase), cancellationToken);
                continue;
            }
            if (RefusedListingFilter(ErrorIds.FilterNeedsListing, name, $"'{name}' names one group. Use a wildcard, -NameContains, or no -Name.")) continue;
            await ForItemAsync(name, async () =>
                WriteObjectFromWorker(await Client.GetModelGroupAsync(name, cancellationToken)));
        }
    }

    protected override string[] OwnListingParameters => new[] { nameof(CrossAccount) };

    private Task ListAsync(string? nameContains, WildcardPattern? pattern, CancellationToken cancellationToken)
    {
        var query = new ModelGroupQuery
        {
            NameContains = string.IsNullOrEmpty(nameContains) ? null : nameContains,
            CreationTimeAfter = CreatedAfter?.ToUniversalTime(),
            CreationTimeBefore = CreatedBefore?.ToUniversalTime(),
            SortBy = SortBy,
            SortOrder = SortOrder,
            PageSize = SageMakerClient.MaxPageSize,
            CrossAccountFilterOption = CrossAccount ? "CrossAccount" : null,
        };
        return ForItemAsync(nameContains ?? "*", async () =>
        {
            await foreach (var group in Client.ListModelPackageGroupsAsync(query, cancellationToken))
            {
                if (pattern == null || pattern.IsMatch(group.Name)) WriteObjectFromWorker(group);
            }
        });
    }

    /// <summary>The longest run of literal characters (outside [...] sets and * ?), sent as
    /// NameContains to narrow the listing; the pattern itself decides what matches.</summary>
    private static string? LiteralPrefix(string pattern)
    {
        string? longest = null;
        var literals = System.Text.RegularExpressions.Regex.Replace(pattern, @"\[[^\]]*\]", "*");
        foreach (var part in literals.Split('*', '?'))
            if (part.Length > (longest?.Length ?? 0)) longest = part;
        return longest;
    }
}
