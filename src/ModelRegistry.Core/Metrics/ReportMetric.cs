namespace ModelRegistry.Core.Metrics;

/// <summary>One number read from a report: its name (a dotted path), value and standard deviation if the report gives one.</summary>
public sealed class ReportMetric
{
    public ReportMetric(string name, double value, double? standardDeviation = null)
    {
        Name = name;
        Value = value;
        StandardDeviation = standardDeviation;
    }

    public string Name { get; }

    public double Value { get; }

    public double? StandardDeviation { get; }

    public override string ToString() => $"{Name} = {Value}";
}
