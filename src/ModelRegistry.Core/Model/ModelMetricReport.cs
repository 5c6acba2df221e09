using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.Model;

/// <summary>The reports a model version can point at, as SageMaker groups them under ModelMetrics.</summary>
public enum ModelMetricKind
{
    ModelQualityStatistics,
    ModelQualityConstraints,
    ModelDataQualityStatistics,
    ModelDataQualityConstraints,
    BiasReport,
    BiasPreTrainingReport,
    BiasPostTrainingReport,
    ExplainabilityReport,
}

/// <summary>One metrics report (New-MRModelMetric); several make a version's ModelMetrics. Kind is the
/// <see cref="ModelMetricKind"/> name as text, so ConvertTo-Json writes the name, not its number.</summary>
public sealed class ModelMetricReport
{
    public ModelMetricReport(ModelMetricKind kind, MetricsSource source)
    {
        MetricKind = kind;
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    public string Kind => MetricKind.ToString();
    public MetricsSource Source { get; }

    internal ModelMetricKind MetricKind { get; }

    /// <summary>Builds ModelMetrics; a kind given twice is an error, not a silent overwrite.</summary>
    public static ModelMetrics Combine(IEnumerable<ModelMetricReport> reports)
    {
        var metrics = new ModelMetrics();
        var seen = new HashSet<ModelMetricKind>();
        foreach (var report in reports)
        {
            if (!seen.Add(report.MetricKind))
                throw new ArgumentException($"-ModelMetric: {report.Kind} is given more than once.", "ModelMetric");
            switch (report.MetricKind)
            {
                case ModelMetricKind.ModelQualityStatistics: metrics.ModelQualityStatistics = report.Source; break;
                case ModelMetricKind.ModelQualityConstraints: metrics.ModelQualityConstraints = report.Source; break;
                case ModelMetricKind.ModelDataQualityStatistics: metrics.ModelDataQualityStatistics = report.Source; break;
                case ModelMetricKind.ModelDataQualityConstraints: metrics.ModelDataQualityConstraints = report.Source; break;
                case ModelMetricKind.BiasReport: metrics.BiasReport = report.Source; break;
                case ModelMetricKind.BiasPreTrainingReport: metrics.BiasPreTrainingReport = report.Source; break;
                case ModelMetricKind.BiasPostTrainingReport: metrics.BiasPostTrainingReport = report.Source; break;
                case ModelMetricKind.ExplainabilityReport: metrics.ExplainabilityReport = report.Source; break;
            }
        }
        return metrics;
    }

    public override string ToString() => $"{Kind}: {Source.S3Uri}";
}
