using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Metrics;

/// <summary>The CI gate over a comparison (Assert-MRModelMetric): each tracked metric must be in both
/// versions, have a known direction, and be no worse in the difference version than in the reference
/// (by more than the tolerance). Anything it cannot decide fails, so a person looks.</summary>
public static class MetricGate
{
    /// <summary>Why the gate fails, one reason per line; empty when it passes.</summary>
    public static IReadOnlyList<string> Failures(IReadOnlyCollection<ModelVersionDifference> comparison, IEnumerable<string> trackedMetrics, double tolerance)
    {
        if (tolerance < 0) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "-Tolerance: must be 0 or more.");
        var failures = new List<string>();
        foreach (var tracked in trackedMetrics)
        {
            var rows = TrackedRows(comparison, new[] { tracked }).ToList();
            if (rows.Count == 0) failures.Add($"{tracked}: not in the comparison (neither version's reports have it)");
            foreach (var row in rows)
            {
                var name = $"{row.Name} ({row.Report})";
                if (row.DifferenceValue is null) failures.Add($"{name}: the difference version has no value");
                else if (row.ReferenceValue is null) failures.Add($"{name}: the reference version has no value to compare with");
                else if (row.Direction == nameof(MetricDirection.Unknown)) failures.Add($"{name}: whether higher or lower is better is not known");
                else if (row.Verdict == ModelVersionDifference.Worse && Math.Abs(row.Change!.Value) > tolerance)
                    failures.Add($"{name}: {Show(row.DifferenceValue)} is worse than {Show(row.ReferenceValue)} ({row.Direction}, change {Show(row.Change)}" +
                                 (tolerance > 0 ? $", tolerance {Show(tolerance)})" : ")"));
            }
        }

        return failures;
    }

    /// <summary>The rows of the tracked metrics (what -PassThru writes).</summary>
    public static IEnumerable<ModelVersionDifference> TrackedRows(IEnumerable<ModelVersionDifference> comparison, IReadOnlyCollection<string> trackedMetrics) =>
        comparison.Where(r => r.Kind == ModelVersionDifference.MetricKind && trackedMetrics.Any(m => MetricDirections.Names(m, r.Name)));

    /// <summary>The error that fails the CI step.</summary>
    public static ModelRegistryException Failure(IReadOnlyCollection<ModelVersionDifference> comparison, IReadOnlyList<string> failures)
    {
        var versions = comparison.FirstOrDefault();
        var subject = versions is null ? "The comparison is empty" : $"{versions.DifferenceArn} against {versions.ReferenceArn}";
        return new ModelRegistryException(ErrorIds.MetricGateFailed, ErrorKind.InvalidOperation,
            $"Metric gate failed: {subject}: {string.Join("; ", failures)}.", value: versions?.DifferenceArn);
    }

    private static string Show(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "";
}
