namespace ModelRegistry.Core.Metrics;

/// <summary>Which way a metric gets better; <see cref="Unknown"/> gives no verdict.</summary>
public enum MetricDirection
{
    Unknown,
    HigherIsBetter,
    LowerIsBetter,
}
