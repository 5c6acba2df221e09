using System;
using System.Collections.Generic;

namespace ModelRegistry.Core.Metrics;

/// <summary>The direction of the metrics SageMaker's model quality reports hold, by the last segment of
/// the metric's name (binary_classification_metrics.accuracy → accuracy).</summary>
public static class MetricDirections
{
    private static readonly Dictionary<string, MetricDirection> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["accuracy"] = MetricDirection.HigherIsBetter,
        ["balanced_accuracy"] = MetricDirection.HigherIsBetter,
        ["precision"] = MetricDirection.HigherIsBetter,
        ["recall"] = MetricDirection.HigherIsBetter,
        ["f0_5"] = MetricDirection.HigherIsBetter,
        ["f1"] = MetricDirection.HigherIsBetter,
        ["f2"] = MetricDirection.HigherIsBetter,
        ["auc"] = MetricDirection.HigherIsBetter,
        ["au_prc"] = MetricDirection.HigherIsBetter,
        ["true_positive_rate"] = MetricDirection.HigherIsBetter,
        ["true_negative_rate"] = MetricDirection.HigherIsBetter,
        ["precision_best_constant_classifier"] = MetricDirection.HigherIsBetter,
        ["weighted_precision"] = MetricDirection.HigherIsBetter,
        ["weighted_recall"] = MetricDirection.HigherIsBetter,
        ["weighted_f0_5"] = MetricDirection.HigherIsBetter,
        ["weighted_f1"] = MetricDirection.HigherIsBetter,
        ["weighted_f2"] = MetricDirection.HigherIsBetter,
        ["r2"] = MetricDirection.HigherIsBetter,
        ["false_positive_rate"] = MetricDirection.LowerIsBetter,
        ["false_negative_rate"] = MetricDirection.LowerIsBetter,
        ["mse"] = MetricDirection.LowerIsBetter,
        ["rmse"] = MetricDirection.LowerIsBetter,
        ["mae"] = MetricDirection.LowerIsBetter,
        ["mape"] = MetricDirection.LowerIsBetter,
        ["log_loss"] = MetricDirection.LowerIsBetter,
    };

    public static MetricDirection Of(string metricName) =>
        Known.TryGetValue(LastSegment(metricName), out var direction) ? direction : MetricDirection.Unknown;

    /// <summary>The metric's own name without its report section (what -Metric may give).</summary>
    public static string LastSegment(string metricName)
    {
        var dot = metricName.LastIndexOf('.');
        return dot < 0 ? metricName : metricName.Substring(dot + 1);
    }

    /// <summary>Whether <paramref name="wanted"/> names <paramref name="metricName"/>: its full name or its last segment.</summary>
    public static bool Names(string wanted, string metricName) =>
        string.Equals(wanted, metricName, StringComparison.OrdinalIgnoreCase) || string.Equals(wanted, LastSegment(metricName),
            StringComparison.OrdinalIgnoreCase);
}
