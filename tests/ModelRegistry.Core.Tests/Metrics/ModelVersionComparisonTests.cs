using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Metrics;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Metrics;

public sealed class ModelVersionComparisonTests
{
    private const string Group = "arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/";

    private static ModelVersion Version(int number, string image, string? stage = null, string? auc = null)
    {
        var json = JsonNode.Parse($$"""
            {"ModelPackageArn": "{{Group}}{{number}}", "ModelPackageGroupName": "fraud", "ModelPackageVersion": {{number}},
             "InferenceSpecification": {"Containers": [{"Image": "{{image}}", "Environment": {"MODE": "fast"} }],
               "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"] } }
            """)!.AsObject();
        if (stage != null) json["ModelLifeCycle"] = new JsonObject { ["Stage"] = stage, ["StageStatus"] = "Completed" };
        if (auc != null) json["CustomerMetadataProperties"] = new JsonObject { ["auc"] = auc };
        json["ModelPackageDescription"] = $"Fraud model {number}";
        return ModelVersion.FromJson(json);
    }

    private static ModelMetric Metric(ModelVersion version, string name, double value) =>
        new(version.Arn, "fraud", version.Version, "ModelQualityStatistics", name, value, null, "s3://b/k");

    [Fact]
    public void Better_and_worse_are_decided_by_the_metrics_direction()
    {
        var reference = Version(5, "img:5");
        var difference = Version(7, "img:5");
        var rows = ModelVersionComparison.Compare(
            reference, new[] { Metric(reference, "binary_classification_metrics.accuracy", 0.90), Metric(reference, "regression_metrics.rmse", 2.0),
                               Metric(reference, "custom.lift", 3), Metric(reference, "binary_classification_metrics.f1", 0.8) },
            difference, new[] { Metric(difference, "binary_classification_metrics.accuracy", 0.92), Metric(difference, "regression_metrics.rmse", 2.5),
                                Metric(difference, "custom.lift", 4), Metric(difference, "binary_classification_metrics.f1", 0.8) });
        var byName = rows.ToDictionary(r => r.Name);
        Assert.Equal(ModelVersionDifference.Better, byName["binary_classification_metrics.accuracy"].Verdict);
        // As a person reads the two reports: 0.02, not the 0.020000000000000018 of 0.92 - 0.90 in binary floating point.
        Assert.Equal(0.02, byName["binary_classification_metrics.accuracy"].Change!.Value);
        Assert.Equal(0.5, byName["regression_metrics.rmse"].Change!.Value);
        Assert.Equal(ModelVersionDifference.Worse, byName["regression_metrics.rmse"].Verdict);
        Assert.Equal("LowerIsBetter", byName["regression_metrics.rmse"].Direction);
        Assert.Null(byName["custom.lift"].Verdict);
        Assert.Equal(ModelVersionDifference.Same, byName["binary_classification_metrics.f1"].Verdict);
        Assert.Equal(4, rows.Count(r => r.Kind == ModelVersionDifference.MetricKind));
    }

    [Fact]
    public void A_metric_of_one_version_only_has_no_change()
    {
        var reference = Version(5, "img:5");
        var difference = Version(7, "img:5");
        var rows = ModelVersionComparison.Compare(reference, new[] { Metric(reference, "old.auc", 0.9) }, difference, new[] { Metric(difference, "new.auc", 0.95) });
        Assert.Null(rows.Single(r => r.Name == "old.auc").DifferenceValue);
        Assert.Null(rows.Single(r => r.Name == "new.auc").ReferenceValue);
        Assert.All(rows, r => Assert.Null(r.Verdict));
    }

    [Fact]
    public void Rows_are_for_differing_members_only()
    {
        var reference = Version(5, "img:5", stage: "Development", auc: "0.9");
        var difference = Version(7, "img:7", stage: "Staging");
        var rows = ModelVersionComparison.Compare(reference, Array.Empty<ModelMetric>(), difference, Array.Empty<ModelMetric>());
        var image = rows.Single(r => r.Name == "Containers[0].Image");
        Assert.Equal(("InferenceSpecification", "img:5", "img:7"), (image.Kind, image.Reference, image.Difference));
        Assert.Equal("Staging", rows.Single(r => r.Name == "ModelLifeCycle.Stage").Difference);
        var auc = rows.Single(r => r.Name == "CustomerMetadataProperties.auc");
        Assert.Equal(("Metadata", "0.9", null), (auc.Kind, auc.Reference, auc.Difference));
        var description = rows.Single(r => r.Name == "Description");
        Assert.Equal(("Version", "Fraud model 5", "Fraud model 7"), (description.Kind, description.Reference, description.Difference));
        Assert.DoesNotContain(rows, r => r.Name.Contains("Environment") || r.Name.Contains("SupportedContentTypes") || r.Name.Contains("StageStatus"));
    }

    [Fact]
    public void Property_limits_rows_by_name_kind_or_metric_name_with_wildcards()
    {
        var reference = Version(5, "img:5", stage: "Development");
        var difference = Version(7, "img:7", stage: "Staging");
        var rows = ModelVersionComparison.Compare(
            reference, new[] { Metric(reference, "binary_classification_metrics.accuracy", 0.9), Metric(reference, "binary_classification_metrics.recall", 0.9) },
            difference, new[] { Metric(difference, "binary_classification_metrics.accuracy", 0.8), Metric(difference, "binary_classification_metrics.recall", 0.9) },
            new[] { "accuracy", "*Image", "Lifecycle" });
        Assert.Equal(new[] { "binary_classification_metrics.accuracy", "Containers[0].Image", "ModelLifeCycle.Stage" }, rows.Select(r => r.Name));
    }

    [Fact]
    public void The_gate_fails_on_worse_missing_and_unknown_direction_and_passes_within_tolerance()
    {
        var reference = Version(5, "img");
        var difference = Version(7, "img");
        var rows = ModelVersionComparison.Compare(
            reference, new[] { Metric(reference, "m.accuracy", 0.90), Metric(reference, "m.f1", 0.80), Metric(reference, "custom.lift", 3) },
            difference, new[] { Metric(difference, "m.accuracy", 0.89), Metric(difference, "m.f1", 0.85), Metric(difference, "custom.lift", 4), Metric(difference, "m.recall", 0.7) });

        Assert.Empty(MetricGate.Failures(rows, new[] { "f1" }, 0));
        Assert.Empty(MetricGate.Failures(rows, new[] { "accuracy", "m.f1" }, 0.02));
        var failures = MetricGate.Failures(rows, new[] { "accuracy", "f1", "lift", "recall", "auc" }, 0);
        Assert.Collection(failures,
            f => Assert.StartsWith("m.accuracy (ModelQualityStatistics): 0.89 is worse than 0.9", f),
            f => Assert.StartsWith("custom.lift (ModelQualityStatistics): whether higher or lower is better is not known", f),
            f => Assert.StartsWith("m.recall (ModelQualityStatistics): the reference version has no value", f),
            f => Assert.StartsWith("auc: not in the comparison", f));
        var error = MetricGate.Failure(rows, failures);
        Assert.Equal(ErrorIds.MetricGateFailed, error.ErrorId);
        Assert.Contains($"{Group}7 against {Group}5", error.Message);
    }

    [Fact]
    public void Markdown_has_a_comparison_table_and_charts_over_versions()
    {
        var reference = Version(5, "img:5");
        var difference = Version(7, "img|7");
        var rows = ModelVersionComparison.Compare(reference, new[] { Metric(reference, "m.accuracy", 0.9) }, difference, new[] { Metric(difference, "m.accuracy", 0.92) });
        var table = MarkdownSummary.Comparison(rows);
        Assert.Contains("| Kind | Name | Reference | Difference | Change | Verdict |\n| --- | --- | --- | --- | --- | --- |\n", table);
        Assert.Contains("| Metric | m.accuracy | 0.9 | 0.92 | +0.02 | better |", table);
        Assert.Contains("| InferenceSpecification | Containers[0].Image | img:5 | img\\|7 |  |  |", table);

        var v6 = Version(6, "img");
        var history = new[] { Metric(difference, "m.accuracy", 0.92), Metric(reference, "m.accuracy", 0.9), Metric(v6, "m.accuracy", 0.85), Metric(v6, "custom.lift", 2) };
        var summary = MarkdownSummary.Metrics(history, null);
        Assert.Contains("| Report | Metric | v5 | v6 | v7 |", summary);
        Assert.Contains("| ModelQualityStatistics | custom.lift |  | 2 |  |", summary);
        Assert.Contains("```mermaid\nxychart-beta\n    title \"m.accuracy\"\n    x-axis [\"v5\", \"v6\", \"v7\"]\n    y-axis \"accuracy\"\n    line [0.9, 0.85, 0.92]\n```", summary);
        Assert.DoesNotContain("title \"custom.lift\"", summary);
        Assert.Contains("title \"custom.lift\"", MarkdownSummary.Metrics(history, new[] { "lift" }));
    }

    // Mermaid's xychart reads a sign, digits and a fraction, no exponent: "2.025E+09" broke the whole chart.
    [Fact]
    public void Chart_points_are_plain_decimals_however_large_or_small_the_metric()
    {
        var (v1, v2, v3) = (Version(1, "img"), Version(2, "img"), Version(3, "img"));
        var history = new[]
        {
            Metric(v1, "regression_metrics.mse", 2025000000.5), Metric(v2, "regression_metrics.mse", 1.89e9), Metric(v3, "regression_metrics.mse", 1.2345678e21),
            Metric(v1, "regression_metrics.mae", 1.5e-7), Metric(v2, "regression_metrics.mae", -0.000012345), Metric(v3, "regression_metrics.mae", 0.25),
        };

        var summary = MarkdownSummary.Metrics(history, null);

        Assert.Contains("    line [2025000000, 1890000000, 1234570000000000000000]\n", summary);
        Assert.Contains("    line [0.00000015, -0.000012345, 0.25]\n", summary);
    }

    [Fact]
    public void The_digest_is_checked_against_the_SHA256_of_the_bytes()
    {
        var content = System.Text.Encoding.UTF8.GetBytes("{}");
        ModelMetricReader.CheckDigest("sha256:44136FA355B3678A1146AD16F7E8649E94FB4FC21FE77E8310C060F61CAAFF8A", content, "s3://b/k");
        ModelMetricReader.CheckDigest(null, content, "s3://b/k");
        var error = Assert.Throws<ModelRegistryException>(() => ModelMetricReader.CheckDigest("sha256:" + new string('0', 64), content, "s3://b/k"));
        Assert.Equal(ErrorIds.MetricDigestMismatch, error.ErrorId);
        Assert.Contains("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", error.Message);
    }

    [Fact]
    public async Task A_report_whose_connection_is_refused_is_named_on_the_error()
    {
        // Nothing listens on the discard port: the error is the HttpRequestException itself, not an S3 error.
        var version = ModelVersion.FromJson(JsonNode.Parse("""
            {"ModelPackageArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/3",
             "ModelMetrics":{"ModelQuality":{"Statistics":{"ContentType":"application/json","S3Uri":"s3://models/fraud/eval.json"}}}}
            """)!.AsObject());
        using var reader = new ModelMetricReader(new AwsConnection(new BasicAWSCredentials("AKIAREFUSED000000001", "secret"),
            RegionEndpoint.USEast1, "http://127.0.0.1:9", maxErrorRetry: 0));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => reader.ReadAsync(version, ModelMetricReader.ReportsOf(version)[0], CancellationToken.None));

        Assert.Equal("The ModelQualityStatistics report s3://models/fraud/eval.json of arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/3",
            error.Data[CallTrace.SubjectKey]);
    }

    [Theory]
    [InlineData("s3://models/fraud/eval.json", "models", "fraud/eval.json")]
    [InlineData("https://models.s3.us-east-1.amazonaws.com/fraud/eval%20x.json", "models", "fraud/eval x.json")]
    [InlineData("https://s3.us-east-1.amazonaws.com/models/fraud/eval.json", "models", "fraud/eval.json")]
    public void S3_URIs_give_bucket_and_key(string uri, string bucket, string key)
    {
        var parsed = S3ObjectUri.TryParse(uri)!;
        Assert.Equal((bucket, key), (parsed.Bucket, parsed.Key));
        Assert.Null(S3ObjectUri.TryParse("https://example.com/eval.json"));
    }
}
