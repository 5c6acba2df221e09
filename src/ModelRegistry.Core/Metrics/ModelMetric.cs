namespace ModelRegistry.Core.Metrics;

/// <summary>One metric of a model version, read from one of its reports (Get-MRModelMetric).</summary>
public sealed class ModelMetric
{
    public ModelMetric(string versionArn, string? groupName, int? version, string report, string metric, double value, double? standardDeviation,
        string reportUri)
    {
        VersionArn = versionArn;
        GroupName = groupName;
        Version = version;
        Report = report;
        Metric = metric;
        Value = value;
        StandardDeviation = standardDeviation;
        ReportUri = reportUri;
    }

    public string VersionArn { get; }

    public string? GroupName { get; }

    public int? Version { get; }

    /// <summary>Which report of the version's ModelMetrics: ModelQualityStatistics, BiasReport, ...</summary>
    public string Report { get; }

    /// <summary>The metric's dotted path in the report, e.g. multiclass_classification_metrics.accuracy.</summary>
    public string Metric { get; }

    public double Value { get; }

    public double? StandardDeviation { get; }

    public string ReportUri { get; }

    public override string ToString() => $"{Metric} = {Value}";
}
