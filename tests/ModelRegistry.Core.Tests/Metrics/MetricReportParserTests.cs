using ModelRegistry.Core.Metrics;
using Xunit;

namespace ModelRegistry.Core.Tests.Metrics;

/// <summary>Samples modeled on the report shapes SageMaker Model Monitor and Clarify document.</summary>
public sealed class MetricReportParserTests
{
    private static Dictionary<string, ReportMetric> Parse(string json) => MetricReportParser.Parse(json).ToDictionary(m => m.Name);

    [Fact]
    public void Binary_classification_gives_value_and_deviation_and_skips_matrices_and_curves()
    {
        var metrics = Parse("""
            {"version": 0.0, "dataset": {"item_count": 1000, "evaluation_time": "2026-11-30T08:00:00Z"},
             "binary_classification_metrics": {
               "confusion_matrix": {"0": {"0": 500, "1": 20}, "1": {"0": 30, "1": 450}},
               "recall": {"value": 0.9375, "standard_deviation": 0.0042},
               "accuracy": {"value": 0.95, "standard_deviation": 0.0031},
               "auc": {"value": 0.981},
               "receiver_operating_characteristic_curve": {"false_positive_rates": [0, 0.1, 1], "true_positive_rates": [0, 0.8, 1]}}}
            """);
        Assert.Equal(0.95, metrics["binary_classification_metrics.accuracy"].Value);
        Assert.Equal(0.0031, metrics["binary_classification_metrics.accuracy"].StandardDeviation);
        Assert.Equal(0.9375, metrics["binary_classification_metrics.recall"].Value);
        Assert.Null(metrics["binary_classification_metrics.auc"].StandardDeviation);
        Assert.Equal(1000, metrics["dataset.item_count"].Value);
        Assert.DoesNotContain(metrics.Keys, k => k.Contains("confusion_matrix") || k.Contains("curve") || k == "version");
    }

    [Fact]
    public void Multiclass_and_regression_use_their_section_names()
    {
        var metrics = Parse("""
            {"multiclass_classification_metrics": {"accuracy": {"value": 0.8, "standard_deviation": 0.01}, "weighted_f1": {"value": 0.79, "standard_deviation": 0.02}},
             "regression_metrics": {"mse": {"value": 2.5, "standard_deviation": 0.1}, "rmse": {"value": 1.58}, "r2": {"value": 0.91}, "mae": {"value": 1.2}}}
            """);
        Assert.Equal(0.79, metrics["multiclass_classification_metrics.weighted_f1"].Value);
        Assert.Equal(2.5, metrics["regression_metrics.mse"].Value);
        Assert.Equal(0.1, metrics["regression_metrics.mse"].StandardDeviation);
        Assert.Equal(0.91, metrics["regression_metrics.r2"].Value);
    }

    [Fact]
    public void A_Clarify_bias_report_names_metrics_by_facet_value()
    {
        var metrics = Parse("""
            {"version": "1.0",
             "pre_training_bias_metrics": {"label": "Target", "label_value_or_threshold": "1",
               "facets": {"Gender": [{"value_or_threshold": "0", "metrics": [
                 {"name": "CI", "description": "Class Imbalance (CI)", "value": 0.3},
                 {"name": "DPL", "description": "Difference in Positive Proportions in Labels (DPL)", "value": -0.05},
                 {"name": "KS", "description": "not computable", "value": null}]}]}},
             "post_training_bias_metrics": {"label": "Target",
               "facets": {"Gender": [{"value_or_threshold": "0", "metrics": [{"name": "DPPL", "description": "x", "value": 0.02}]}]}}}
            """);
        Assert.Equal(0.3, metrics["pre_training_bias_metrics.Gender=0.CI"].Value);
        Assert.Equal(-0.05, metrics["pre_training_bias_metrics.Gender=0.DPL"].Value);
        Assert.Equal(0.02, metrics["post_training_bias_metrics.Gender=0.DPPL"].Value);
        Assert.DoesNotContain("pre_training_bias_metrics.Gender=0.KS", metrics.Keys);
    }

    [Fact]
    public void Explainability_gives_global_SHAP_values_by_feature()
    {
        var metrics = Parse("""
            {"version": "1.0", "explanations": {"kernel_shap": {"label0": {
              "global_shap_values": {"age": 0.12, "income": 0.31}, "expected_value": 0.4}}}}
            """);
        Assert.Equal(0.31, metrics["explanations.kernel_shap.label0.global_shap_values.income"].Value);
        Assert.Equal(0.4, metrics["explanations.kernel_shap.label0.expected_value"].Value);
    }

    [Fact]
    public void Data_quality_statistics_and_constraints_name_features_and_skip_sketches()
    {
        var statistics = Parse("""
            {"version": 0.0, "dataset": {"item_count": 200},
             "features": [
               {"name": "age", "inferred_type": "Integral", "numerical_statistics": {"common": {"num_present": 198, "num_missing": 2},
                 "mean": 41.5, "sum": 8217, "std_dev": 12.1, "min": 18, "max": 90,
                 "distribution": {"kll": {"buckets": [{"lower_bound": 18, "upper_bound": 30, "count": 50}], "sketch": {"parameters": {"c": 0.64, "k": 2048}, "data": [[18, 19]]}}}}},
               {"name": "country", "inferred_type": "String", "string_statistics": {"common": {"num_present": 200, "num_missing": 0}, "distinct_count": 12}}]}
            """);
        Assert.Equal(41.5, statistics["features.age.numerical_statistics.mean"].Value);
        Assert.Equal(2, statistics["features.age.numerical_statistics.common.num_missing"].Value);
        Assert.Equal(12, statistics["features.country.string_statistics.distinct_count"].Value);
        Assert.DoesNotContain(statistics.Keys, k => k.Contains("distribution"));

        var constraints = Parse("""
            {"version": 0.0, "features": [{"name": "age", "inferred_type": "Integral", "completeness": 0.99, "num_constraints": {"is_non_negative": true}}],
             "monitoring_config": {"evaluate_constraints": "Enabled", "distribution_constraints": {"comparison_threshold": 0.1}}}
            """);
        Assert.Equal(0.99, constraints["features.age.completeness"].Value);
        Assert.Equal(0.1, constraints["monitoring_config.distribution_constraints.comparison_threshold"].Value);
    }

    [Fact]
    public void Model_quality_constraints_give_thresholds()
    {
        var metrics = Parse("""{"version": 0.0, "binary_classification_constraints": {"recall": {"threshold": 0.9, "comparison_operator": "LessThanThreshold"}}}""");
        Assert.Equal(0.9, metrics["binary_classification_constraints.recall.threshold"].Value);
    }

    [Fact]
    public void Unknown_JSON_is_flattened_by_path()
    {
        var metrics = Parse("""{"version": 2, "team": "fraud", "scores": {"holdout": {"lift": 3.2}}, "folds": [0.81, 0.83], "runs": [{"name": "a", "loss": 0.2, "version": 7}]}""");
        Assert.Equal(3.2, metrics["scores.holdout.lift"].Value);
        Assert.Equal(7, metrics["runs.a.version"].Value);
        Assert.Equal(0.83, metrics["folds.1"].Value);
        Assert.Equal(0.2, metrics["runs.a.loss"].Value);
        Assert.Equal(5, metrics.Count);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_a_FormatException()
    {
        var error = Assert.Throws<FormatException>(() => MetricReportParser.Parse("accuracy,0.9"));
        Assert.Contains("not JSON", error.Message);
    }
}
