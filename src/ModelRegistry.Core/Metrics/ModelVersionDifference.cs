namespace ModelRegistry.Core.Metrics;

/// <summary>One row of Compare-MRModelVersion: a metric of both versions, or a member of the versions
/// that differs. <see cref="Verdict"/> says how the difference version does against the reference.</summary>
public sealed class ModelVersionDifference
{
    public const string MetricKind = "Metric";
    public const string Better = "Better";
    public const string Worse = "Worse";
    public const string Same = "Same";

    internal ModelVersionDifference(string kind, string name, string? reference, string? difference, string referenceArn, string differenceArn)
    {
        Kind = kind;
        Name = name;
        Reference = reference;
        Difference = difference;
        ReferenceArn = referenceArn;
        DifferenceArn = differenceArn;
    }

    /// <summary>Metric, InferenceSpecification, Metadata, Lifecycle or Version.</summary>
    public string Kind { get; }

    /// <summary>The metric's name in its report, or the member's path (Containers[0].Image).</summary>
    public string Name { get; }

    /// <summary>The report a metric comes from (ModelQualityStatistics, ...); null for other members.</summary>
    public string? Report { get; internal set; }

    /// <summary>The reference version's value as text (null: it has none).</summary>
    public string? Reference { get; }

    /// <summary>The difference version's value as text (null: it has none).</summary>
    public string? Difference { get; }

    public double? ReferenceValue { get; internal set; }

    public double? DifferenceValue { get; internal set; }

    /// <summary>DifferenceValue - ReferenceValue, when both are numbers.</summary>
    public double? Change { get; internal set; }

    /// <summary>HigherIsBetter, LowerIsBetter or Unknown (metrics only).</summary>
    public string? Direction { get; internal set; }

    /// <summary>Better, Worse or Same for a metric whose direction is known; null otherwise.</summary>
    public string? Verdict { get; internal set; }

    public string ReferenceArn { get; }

    public string DifferenceArn { get; }

    public override string ToString() => $"{Name}: {Reference} -> {Difference}";
}
