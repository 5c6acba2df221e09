using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>
/// The ModelMetrics shape, flattened one level: ModelQuality.Statistics is <see cref="ModelQualityStatistics"/>
/// and so on. Unmodeled members, also inside the four groups, are kept.
/// </summary>
public sealed class ModelMetrics : WireShape
{
    private static readonly (string Group, string[] Reports)[] Layout =
    {
        ("ModelQuality", new[] { "Statistics", "Constraints" }),
        ("ModelDataQuality", new[] { "Statistics", "Constraints" }),
        ("Bias", new[] { "Report", "PreTrainingReport", "PostTrainingReport" }),
        ("Explainability", new[] { "Report" }),
    };

    private static readonly string[] Members = Layout.Select(g => g.Group).ToArray();

    public ModelMetrics()
        : base(null)
    {
    }

    private ModelMetrics(JsonObject json)
        : base(json)
    {
        ModelQualityStatistics = Report(json, "ModelQuality", "Statistics");
        ModelQualityConstraints = Report(json, "ModelQuality", "Constraints");
        ModelDataQualityStatistics = Report(json, "ModelDataQuality", "Statistics");
        ModelDataQualityConstraints = Report(json, "ModelDataQuality", "Constraints");
        BiasReport = Report(json, "Bias", "Report");
        BiasPreTrainingReport = Report(json, "Bias", "PreTrainingReport");
        BiasPostTrainingReport = Report(json, "Bias", "PostTrainingReport");
        ExplainabilityReport = Report(json, "Explainability", "Report");
    }

    public MetricsSource? ModelQualityStatistics { get; set; }

    public MetricsSource? ModelQualityConstraints { get; set; }

    public MetricsSource? ModelDataQualityStatistics { get; set; }

    public MetricsSource? ModelDataQualityConstraints { get; set; }

    public MetricsSource? BiasReport { get; set; }

    public MetricsSource? BiasPreTrainingReport { get; set; }

    public MetricsSource? BiasPostTrainingReport { get; set; }

    public MetricsSource? ExplainabilityReport { get; set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static ModelMetrics FromJson(JsonObject json) => new(json);

    internal static ModelMetrics? From(JsonObject? json) => json is null ? null : new ModelMetrics(json);

    protected override void WriteModeledMembers(JsonObject json)
    {
        foreach (var (group, reports) in Layout)
        {
            var received = WireJson.Object(Raw, group);
            var target = new JsonObject();
            foreach (var report in reports)
            {
                WireJson.Set(target, report, Get(group, report));
            }

            if (received is not null)
            {
                foreach (var member in received.Where(m => Array.IndexOf(reports, m.Key) < 0))
                {
                    target[member.Key] = member.Value?.DeepClone();
                }
            }

            if (target.Count > 0 || received is not null)
            {
                json[group] = target;
            }
        }
    }

    /// <summary>The reports present, one line: what a table cell or a CSV field shows.</summary>
    public override string ToString() =>
        string.Join(", ", Layout.SelectMany(g => g.Reports.Select(r => (Name: g.Group + r, Source: Get(g.Group,
            r)))).Where(r => r.Source != null).Select(r => r.Name));

    private static MetricsSource? Report(JsonObject json, string group, string report) =>
        WireJson.Object(json, group) is { } section ? MetricsSource.From(WireJson.Object(section, report)) : null;

    private MetricsSource? Get(string group, string report) => (group, report) switch
    {
        ("ModelQuality", "Statistics") => ModelQualityStatistics,
        ("ModelQuality", "Constraints") => ModelQualityConstraints,
        ("ModelDataQuality", "Statistics") => ModelDataQualityStatistics,
        ("ModelDataQuality", "Constraints") => ModelDataQualityConstraints,
        ("Bias", "Report") => BiasReport,
        ("Bias", "PreTrainingReport") => BiasPreTrainingReport,
        ("Bias", "PostTrainingReport") => BiasPostTrainingReport,
        ("Explainability", "Report") => ExplainabilityReport,
        _ => throw new ArgumentOutOfRangeException(nameof(report), $"{group}.{report} is not a ModelMetrics report."),
    };
}
