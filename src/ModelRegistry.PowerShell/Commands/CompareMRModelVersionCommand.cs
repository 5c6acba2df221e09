using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Metrics;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Compares a version with a reference version (by default the group's newest approved one): a row
/// per metric with both values, the change and the verdict, and a row per differing member. Core's
/// ModelVersionComparison decides; a report that cannot be read is an error and the rest is compared.</summary>
[Cmdlet(VerbsData.Compare, "MRModelVersion")]
[OutputType(typeof(ModelVersionDifference))]
public sealed class CompareMRModelVersionCommand : AwsCmdlet
{
    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageName"] = nameof(DifferenceVersion),
        ["ModelPackageGroupName"] = nameof(GroupName)
    };

    private ModelMetricReader? _reader;

    /// <summary>The version to judge: an object from Get-MRModelVersion, an ARN, or a number within -GroupName.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object DifferenceVersion { get; set; } = null!;

    /// <summary>The version to compare with; by default the group's newest approved version.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? ReferenceVersion { get; set; }

    [Parameter]
    [Alias("ModelPackageGroupName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string? GroupName { get; set; }

    /// <summary>Only these rows: metric names (accuracy or binary_classification_metrics.accuracy), member paths or kinds; wildcards allowed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(DifferenceVersion, async () =>
    {
        var differenceArn = await ModelVersionReference.ResolveAsync(Client, ReadInput(() => VersionArgument.ToText(DifferenceVersion, nameof(DifferenceVersion))),
            GroupName, nameof(DifferenceVersion), cancellationToken);
        var group = ModelVersionReference.GroupOf(GroupName, differenceArn);
        var referenceArn = ReferenceVersion is null
            ? await ModelVersionReference.LatestApprovedAsync(Client, group, cancellationToken)
            : await ModelVersionReference.ResolveAsync(Client, ReadInput(() => VersionArgument.ToText(ReferenceVersion, nameof(ReferenceVersion))),
                group, nameof(ReferenceVersion), cancellationToken);
        WriteVerboseFromWorker($"Comparing {differenceArn} with {referenceArn}");
        var reference = await Client.GetModelVersionAsync(referenceArn, cancellationToken);
        var difference = await Client.GetModelVersionAsync(differenceArn, cancellationToken);
        var rows = ModelVersionComparison.Compare(reference, await MetricsAsync(reference, cancellationToken),
            difference, await MetricsAsync(difference, cancellationToken), Property);
        foreach (var row in rows) WriteObjectFromWorker(row);
    });

    /// <summary>The metrics of every report that could be read; each one that could not is an error.</summary>
    private async Task<List<ModelMetric>> MetricsAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        _reader ??= new ModelMetricReader(Traced(Connection));
        var metrics = new List<ModelMetric>();
        foreach (var report in ModelMetricReader.ReportsOf(version))
        {
            await ForItemAsync(report.Source.S3Uri!, async () =>
                metrics.AddRange(await _reader.ReadAsync(version, report, cancellationToken)));
        }

        return metrics;
    }

    protected override void ReleaseResources()
    {
        _reader?.Dispose();
        base.ReleaseResources();
    }
}
