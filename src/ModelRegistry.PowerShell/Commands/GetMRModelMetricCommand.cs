using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Metrics;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Reads a version's metric reports from S3 and writes one object per metric. Core's
/// ModelMetricReader reads (with these credentials), checks ContentDigest and parses; a report that cannot
/// be read is an error of that report, and the other reports still come back.</summary>
[Cmdlet(VerbsCommon.Get, "MRModelMetric", DefaultParameterSetName = ByArnSet)]
[OutputType(typeof(ModelMetric))]
public sealed class GetMRModelMetricCommand : ModelVersionCmdlet
{
    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageName"] = nameof(Arn), ["ModelPackageGroupName"] = nameof(GroupName) };

    private ModelMetricReader? _reader;

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Item, async () =>
    {
        var version = await Client.GetModelVersionAsync(await VersionArnAsync(cancellationToken),
            cancellationToken);
        var reports = ModelMetricReader.ReportsOf(version);
        if (reports.Count == 0) WriteWarningFromWorker($"{version.Arn} has no metric reports (ModelMetrics).");
        _reader ??= new ModelMetricReader(Traced(Connection));
        foreach (var report in reports)
        {
            await ForItemAsync(report.Source.S3Uri!, async () =>
            {
                foreach (var metric in await _reader.ReadAsync(version, report, cancellationToken)) WriteObjectFromWorker(metric);
            });
        }
    });

    protected override void ReleaseResources()
    {
        _reader?.Dispose();
        base.ReleaseResources();
    }
}
