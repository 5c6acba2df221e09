using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Metrics;

/// <summary>Markdown for CI job summaries (ConvertTo-MRMarkdown): tables of versions, metrics and
/// comparisons, and a Mermaid <c>xychart-beta</c> line chart of each tracked metric over several versions
/// (GitHub renders Mermaid in job summaries and pull requests).</summary>
public static class MarkdownSummary
{
    public static string Versions(IEnumerable<ModelVersionSummary> versions)
    {
        var text = new StringBuilder();
        Table(text, new[] { "Version", "ApprovalStatus", "Status", "Stage", "CreationTime", "Arn" },
            versions.Select(v => new[] { v.Version?.ToString(CultureInfo.InvariantCulture), v.ApprovalStatus, v.Status, v.Stage, Time(v.CreationTime),
                v.Arn }));
        return text.ToString();
    }

    public static string Comparison(IReadOnlyCollection<ModelVersionDifference> rows)
    {
        var text = new StringBuilder();
        if (rows.FirstOrDefault() is { } first)
            text.Append("Reference: `").Append(first.ReferenceArn).Append("`  \nDifference: `").Append(first.DifferenceArn).Append("`\n\n");
        Table(text, new[] { "Kind", "Name", "Reference", "Difference", "Change", "Verdict" },
            rows.Select(r => new[] { r.Kind, r.Name, r.Reference, r.Difference, Number(r.Change, signed: true), Verdict(r.Verdict) }));
        return text.ToString();
    }

    /// <summary>One version's metrics as a table; several versions' as a table with a column per version,
    /// and a chart per tracked metric (<paramref name="tracked"/>, else every metric whose direction is known).</summary>
    public static string Metrics(IReadOnlyCollection<ModelMetric> metrics, IReadOnlyCollection<string>? tracked)
    {
        var text = new StringBuilder();
        var versions = metrics.Select(m => (m.VersionArn, m.Version)).Distinct().OrderBy(v => v.Version ?? int.MaxValue).ThenBy(v => v.VersionArn,
            StringComparer.Ordinal).ToList();
        var names = metrics.Select(m => (m.Report, m.Metric)).Distinct().ToList();
        if (versions.Count <= 1)
        {
            Table(text, new[] { "Report", "Metric", "Value", "StandardDeviation" },
                metrics.Select(m => new[] { m.Report, m.Metric, Number(m.Value), Number(m.StandardDeviation) }));
            return text.ToString();
        }

        var byKey = metrics.GroupBy(m => (m.VersionArn, m.Report, m.Metric)).ToDictionary(g => g.Key, g => g.First().Value);
        Table(text, new[] { "Report", "Metric" }.Concat(versions.Select(Label)).ToArray(),
            names.Select(n => new[] { n.Report, n.Metric }.Concat(versions.Select(v => byKey.TryGetValue((v.VersionArn, n.Report, n.Metric),
                out var value) ? Number(value) : "")).ToArray()));

        var charted = names.Where(n => tracked is { Count: > 0 }
            ? tracked.Any(t => MetricDirections.Names(t, n.Metric))
            : MetricDirections.Of(n.Metric) != MetricDirection.Unknown);
        foreach (var (report, metric) in charted)
        {
            var points = versions.Where(v => byKey.ContainsKey((v.VersionArn, report, metric))).ToList();
            if (points.Count == 0) continue;
            text.Append("\n```mermaid\nxychart-beta\n")
                .Append("    title \"").Append(Quoted(metric)).Append("\"\n")
                .Append("    x-axis [").Append(string.Join(", ", points.Select(p => "\"" + Quoted(Label(p)) + "\""))).Append("]\n")
                .Append("    y-axis \"").Append(Quoted(MetricDirections.LastSegment(metric))).Append("\"\n")
                .Append("    line [").Append(string.Join(", ", points.Select(p => ChartNumber(byKey[(p.VersionArn, report, metric)])))).Append("]\n")
                .Append("```\n");
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] headers, IEnumerable<string?[]> rows)
    {
        text.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        text.Append('|').Append(string.Concat(headers.Select(_ => " --- |"))).Append('\n');
        foreach (var row in rows) text.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
    }

    /// <summary>A table cell: pipes escaped, line breaks as spaces.</summary>
    private static string Cell(string? value) => (value ?? "").Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");

    private static string Quoted(string value) => value.Replace("\"", "'");

    private static string Label((string VersionArn, int? Version) version) =>
        version.Version is int number ? "v" + number.ToString(CultureInfo.InvariantCulture) : version.VersionArn;

    private static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A chart point as Mermaid's xychart reads it: a sign, digits and a fraction, no exponent; the
    /// six significant digits of <see cref="Number(double?)"/>.</summary>
    private static string ChartNumber(double? value)
    {
        var text = Number(value);
        var e = text.IndexOf('E');
        if (e < 0) return text;
        // "G6" writes -d.dddddE+xx only for exponents below -5 or above 5: the point falls before the digits or after them.
        var sign = text[0] == '-' ? "-" : "";
        var digits = text.Substring(sign.Length, e - sign.Length).Replace(".", "");
        var point = 1 + int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return sign + (point <= 0 ? "0." + new string('0', -point) + digits : digits + new string('0', point - digits.Length));
    }

    private static string Number(double? value, bool signed) =>
        value is double number && signed && number > 0 ? "+" + Number(number) : Number(value);

    private static string Verdict(string? verdict) => verdict switch
    {
        ModelVersionDifference.Better => "better",
        ModelVersionDifference.Worse => "**worse**",
        ModelVersionDifference.Same => "same",
        _ => "",
    };

    private static string? Time(DateTime? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
