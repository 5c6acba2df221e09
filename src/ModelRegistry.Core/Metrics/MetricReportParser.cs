using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Metrics;

/// <summary>
/// Reads the numbers of a metrics report. It knows the JSON SageMaker produces: model quality statistics
/// (<c>binary_classification_metrics</c>, <c>multiclass_classification_metrics</c>, <c>regression_metrics</c>:
/// <c>{"accuracy": {"value": .., "standard_deviation": ..}}</c>), Clarify bias reports
/// (<c>pre_training_bias_metrics</c>/<c>post_training_bias_metrics</c>: facets with metrics by name),
/// explainability (<c>explanations.kernel_shap.label0.global_shap_values</c>) and data quality statistics
/// and constraints (<c>features[]</c> by feature name). Any other JSON gives its numeric leaves by dotted
/// path, so an unknown report is read rather than refused.
/// </summary>
public static class MetricReportParser
{
    /// <summary>Sketches, matrices and curves: many numbers that are no metric on their own.</summary>
    private static readonly HashSet<string> NotMetrics = new(StringComparer.Ordinal)
    {
        "distribution", "confusion_matrix", "receiver_operating_characteristic_curve", "precision_recall_curve",
    };

    /// <exception cref="FormatException">The text is not JSON.</exception>
    public static IReadOnlyList<ReportMetric> Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the report is not JSON ({e.Message})", e);
        }

        // The report format's own version (0.0, "1.0") is no metric.
        if (root is JsonObject report) report.Remove("version");
        var metrics = new List<ReportMetric>();
        Flatten(root, "", metrics);
        return metrics;
    }

    private static void Flatten(JsonNode? node, string path, List<ReportMetric> metrics)
    {
        switch (node)
        {
            case JsonValue value when Number(value) is double number:
                metrics.Add(new ReportMetric(path, number));
                break;
            case JsonObject measured when measured["value"] is JsonValue value && Number(value) is double number:
                // {"value": .., "standard_deviation": ..}: one metric of a model quality report.
                metrics.Add(new ReportMetric(path, number, measured["standard_deviation"] is JsonValue deviation ? Number(deviation) : null));
                break;
            case JsonObject bias when bias["facets"] is JsonObject facets:
                FlattenBias(facets, path, metrics);
                break;
            case JsonObject obj:
                foreach (var member in obj)
                {
                    if (!NotMetrics.Contains(member.Key)) Flatten(member.Value, Join(path, member.Key), metrics);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    // Features (data quality) and metrics are lists of objects named by "name".
                    var segment = array[i] is JsonObject item && item["name"] is JsonValue name && name.TryGetValue<string>(out var text)
                        ? text
                        : i.ToString(CultureInfo.InvariantCulture);
                    Flatten(array[i] is JsonObject named ? WithoutName(named) : array[i], Join(path, segment), metrics);
                }
                break;
        }
    }

    /// <summary>Clarify: <c>facets: {"Gender": [{"value_or_threshold": "0", "metrics": [{"name": "CI", "value": 0.3}]}]}</c>
    /// gives <c>&lt;section&gt;.Gender=0.CI</c>.</summary>
    private static void FlattenBias(JsonObject facets, string path, List<ReportMetric> metrics)
    {
        foreach (var facet in facets)
        {
            if (facet.Value is not JsonArray groups) continue;
            foreach (var group in groups)
            {
                if (group is not JsonObject facetValue) continue;
                var facetPath = Join(path, facet.Key + (facetValue["value_or_threshold"] is JsonValue threshold ? "=" + threshold.ToString() : ""));
                Flatten(facetValue["metrics"], facetPath, metrics);
            }
        }
    }

    private static JsonObject WithoutName(JsonObject item)
    {
        var copy = new JsonObject();
        foreach (var member in item)
        {
            if (member.Key != "name") copy[member.Key] = member.Value?.DeepClone();
        }
        return copy;
    }

    private static double? Number(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) ? number : null;

    private static string Join(string path, string segment) => path.Length == 0 ? segment : path + "." + segment;
}
