using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Metrics;

/// <summary>Compares two versions: a row per metric of either (both values, the change and, where the
/// metric's direction is known, whether the difference version is better), and a row per member of the
/// inference specification, custom metadata, lifecycle and description that differs.</summary>
public static class ModelVersionComparison
{
    /// <summary>Compared members: the wire member, the row's kind, and the name that leads the row's name (none for the inference specification's members).</summary>
    private static readonly (string Member, string Kind, string Name)[] Members =
    {
        ("InferenceSpecification", "InferenceSpecification", ""),
        ("CustomerMetadataProperties", "Metadata", "CustomerMetadataProperties"),
        ("ModelLifeCycle", "Lifecycle", "ModelLifeCycle"),
        ("ModelPackageDescription", "Version", "Description"),
        ("Domain", "Version", "Domain"),
        ("Task", "Version", "Task"),
        ("SamplePayloadUrl", "Version", "SamplePayloadUrl"),
    };

    /// <param name="properties">Only rows whose name, metric name or kind matches one of these (wildcards allowed); null: all.</param>
    public static IReadOnlyList<ModelVersionDifference> Compare(
        ModelVersion reference, IEnumerable<ModelMetric> referenceMetrics, ModelVersion difference, IEnumerable<ModelMetric> differenceMetrics,
        IReadOnlyCollection<string>? properties = null)
    {
        var rows = new List<ModelVersionDifference>();
        var referenceByName = new Dictionary<(string, string), ModelMetric>();
        foreach (var metric in referenceMetrics) referenceByName[(metric.Report, metric.Metric)] = metric;
        var seen = new HashSet<(string, string)>();
        foreach (var metric in differenceMetrics)
        {
            if (!seen.Add((metric.Report, metric.Metric))) continue;
            referenceByName.TryGetValue((metric.Report, metric.Metric), out var before);
            rows.Add(MetricRow(metric.Report, metric.Metric, before?.Value, metric.Value, reference.Arn, difference.Arn));
        }

        foreach (var metric in referenceByName.Values.Where(m => !seen.Contains((m.Report, m.Metric))))
            rows.Add(MetricRow(metric.Report, metric.Metric, metric.Value, null, reference.Arn, difference.Arn));

        var referenceJson = reference.ToJson();
        var differenceJson = difference.ToJson();
        foreach (var (member, kind, name) in Members)
        {
            var before = Leaves(referenceJson[member], name);
            var after = Leaves(differenceJson[member], name);
            foreach (var path in after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k))))
            {
                before.TryGetValue(path, out var referenceText);
                after.TryGetValue(path, out var differenceText);
                if (referenceText != differenceText) rows.Add(new ModelVersionDifference(kind, path, referenceText, differenceText, reference.Arn,
                    difference.Arn));
            }
        }

        return properties is null || properties.Count == 0 ? rows : rows.Where(row => properties.Any(p => Matches(p, row))).ToList();
    }

    private static ModelVersionDifference MetricRow(string report, string name, double? before, double? after, string referenceArn, string differenceArn)
    {
        var direction = MetricDirections.Of(name);
        var row = new ModelVersionDifference(ModelVersionDifference.MetricKind, name, Show(before), Show(after), referenceArn, differenceArn)
        {
            Report = report,
            ReferenceValue = before,
            DifferenceValue = after,
            Direction = direction.ToString(),
        };
        if (before is double b && after is double a)
        {
            row.Change = Difference(a, b);
            row.Verdict = a == b ? ModelVersionDifference.Same
                : direction == MetricDirection.Unknown ? null
                : (a > b) == (direction == MetricDirection.HigherIsBetter) ? ModelVersionDifference.Better : ModelVersionDifference.Worse;
        }

        return row;
    }

    /// <summary>after - before in decimal, as a person reads the two reports (0.92 - 0.90 is 0.02, where
    /// binary floating point gives 0.020000000000000018); in double when decimal cannot hold them.</summary>
    private static double Difference(double after, double before)
    {
        try
        {
            return (double)((decimal)after - (decimal)before);
        }
        catch (OverflowException)
        {
            return after - before;
        }
    }

    private static bool Matches(string pattern, ModelVersionDifference row) =>
        WildcardPattern.IsMatch(pattern, row.Name, ignoreCase: true) || WildcardPattern.IsMatch(pattern, row.Kind, ignoreCase: true) ||
        (row.Kind == ModelVersionDifference.MetricKind && WildcardPattern.IsMatch(pattern, MetricDirections.LastSegment(row.Name), ignoreCase: true));

    /// <summary>A member's values by path; a list of plain values is one value (SupportedContentTypes: "text/csv, application/json").</summary>
    private static Dictionary<string, string> Leaves(JsonNode? node, string path)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(node, path, leaves);
        return leaves;
    }

    private static void Collect(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var member in obj) Collect(member.Value, path.Length == 0 ? member.Key : path + "." + member.Key, leaves);
                break;
            case JsonArray array when array.All(item => item is JsonValue):
                leaves[path] = string.Join(", ", array.Select(item => Text(item!)));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Collect(array[i], $"{path}[{i}]", leaves);
                break;
            default:
                leaves[path] = Text(node);
                break;
        }
    }

    private static string Text(JsonNode value) => value is JsonValue plain && plain.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    private static string? Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
