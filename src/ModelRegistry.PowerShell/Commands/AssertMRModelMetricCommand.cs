using System.Collections.Generic;
using System.Management.Automation;
using ModelRegistry.Core.Metrics;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>The CI gate: reads Compare-MRModelVersion's rows and ends with the terminating error
/// MetricGateFailed (a failed CI step) unless every -Metric is in both versions and no worse. Core's
/// MetricGate decides.</summary>
[Cmdlet(VerbsLifecycle.Assert, "MRModelMetric")]
[OutputType(typeof(ModelVersionDifference))]
public sealed class AssertMRModelMetricCommand : PSCmdlet
{
    private readonly List<ModelVersionDifference> _comparison = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowEmptyCollection]
    public ModelVersionDifference[] InputObject { get; set; } = null!;

    /// <summary>The tracked metrics: accuracy, or binary_classification_metrics.accuracy.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] Metric { get; set; } = null!;

    /// <summary>How much worse a metric may be and still pass (absolute, in the metric's unit).</summary>
    [Parameter]
    [ValidateRange(0, double.MaxValue)]
    public double Tolerance { get; set; }

    /// <summary>Writes the rows of the tracked metrics when the gate passes.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _comparison.AddRange(InputObject);

    protected override void EndProcessing()
    {
        var failures = MetricGate.Failures(_comparison, Metric, Tolerance);
        if (failures.Count > 0)
        {
            ErrorRecords.TryCreate(MetricGate.Failure(_comparison, failures), null, null, false, out var record);
            ThrowTerminatingError(record);
        }

        WriteVerbose($"Metric gate passed: {string.Join(", ", Metric)} no worse than the reference.");
        if (!PassThru) return;
        foreach (var row in MetricGate.TrackedRows(_comparison, Metric)) WriteObject(row);
    }
}
