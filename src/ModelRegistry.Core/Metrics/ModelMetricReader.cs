using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Metrics;

/// <summary>Reads a model version's metric reports from S3 with the caller's credentials (a report in
/// another account's bucket is readable once that bucket's policy lets the caller read it, e.g. after
/// Grant-MRCrossAccountAccess), checks each report's ContentDigest (<c>sha256:&lt;hex&gt;</c>, the SHA-256 of
/// the object's bytes) when the version has one, and parses it with <see cref="MetricReportParser"/>.</summary>
public sealed class ModelMetricReader : IDisposable
{
    private static readonly Regex Sha256Digest = new("^sha256:(?<hex>[0-9a-f]{64})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly AmazonS3Client _s3;

    public ModelMetricReader(AwsConnection connection) => _s3 = AwsClientFactory.CreateS3Client(connection);

    /// <summary>The reports a version's ModelMetrics point at, in SageMaker's order.</summary>
    public static IReadOnlyList<ModelMetricReport> ReportsOf(ModelVersion version)
    {
        var metrics = version.ModelMetrics;
        if (metrics is null) return Array.Empty<ModelMetricReport>();
        var reports = new (ModelMetricKind Kind, MetricsSource? Source)[]
        {
            (ModelMetricKind.ModelQualityStatistics, metrics.ModelQualityStatistics),
            (ModelMetricKind.ModelQualityConstraints, metrics.ModelQualityConstraints),
            (ModelMetricKind.ModelDataQualityStatistics, metrics.ModelDataQualityStatistics),
            (ModelMetricKind.ModelDataQualityConstraints, metrics.ModelDataQualityConstraints),
            (ModelMetricKind.BiasReport, metrics.BiasReport),
            (ModelMetricKind.BiasPreTrainingReport, metrics.BiasPreTrainingReport),
            (ModelMetricKind.BiasPostTrainingReport, metrics.BiasPostTrainingReport),
            (ModelMetricKind.ExplainabilityReport, metrics.ExplainabilityReport),
        };
        return reports.Where(r => r.Source?.S3Uri is not null).Select(r => new ModelMetricReport(r.Kind, r.Source!)).ToList();
    }

    /// <summary>The metrics of one report of <paramref name="version"/>.</summary>
    /// <exception cref="ModelRegistryException">MetricReportUnreadable (not an S3 URI, not JSON), MetricDigestMismatch.</exception>
    /// <exception cref="AmazonS3Exception">The object could not be read (NoSuchKey, AccessDenied, ...).</exception>
    public async Task<IReadOnlyList<ModelMetric>> ReadAsync(ModelVersion version, ModelMetricReport report, CancellationToken cancellationToken)
    {
        var uri = report.Source.S3Uri!;
        var location = S3ObjectUri.TryParse(uri)
            ?? throw Unreadable(uri, "it is not an S3 URI (s3://bucket/key or an https URL of S3)");
        byte[] content;
        try
        {
            using var response = await _s3.GetObjectAsync(location.Bucket, location.Key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            content = buffer.ToArray();
        }
        catch (Exception e) when (AwsErrors.IsAwsFailure(e, cancellationToken.IsCancellationRequested))
        {
            // S3's message names neither the key nor the version: a CI log shows only the message.
            e.Data[CallTrace.SubjectKey] = $"The {report.Kind} report {uri} of {version.Arn}";
            throw;
        }

        CheckDigest(report.Source.ContentDigest, content, uri);
        IReadOnlyList<ReportMetric> metrics;
        try
        {
            metrics = MetricReportParser.Parse(Encoding.UTF8.GetString(content));
        }
        catch (FormatException e)
        {
            throw Unreadable(uri, e.Message);
        }

        return metrics.Select(m => new ModelMetric(version.Arn, version.GroupName, version.Version, report.Kind, m.Name, m.Value,
            m.StandardDeviation, uri)).ToList();
    }

    /// <summary>Compares the object's SHA-256 with the version's ContentDigest; no digest, no check.</summary>
    public static void CheckDigest(string? contentDigest, byte[] content, string uri)
    {
        if (string.IsNullOrEmpty(contentDigest)) return;
        var expected = Sha256Digest.Match(contentDigest);
        string actual;
        using (var sha256 = SHA256.Create())
        {
            actual = string.Concat(sha256.ComputeHash(content).Select(b => b.ToString("x2")));
        }

        if (!expected.Success || !string.Equals(expected.Groups["hex"].Value, actual, StringComparison.OrdinalIgnoreCase))
            throw new ModelRegistryException(ErrorIds.MetricDigestMismatch, ErrorKind.InvalidOperation,
                $"The report {uri} does not match the version's ContentDigest: it is sha256:{actual}, the version says {contentDigest}. " +
                "The object was changed after the version was registered.", value: uri);
    }

    private static ModelRegistryException Unreadable(string uri, string why) =>
        new(ErrorIds.MetricReportUnreadable, ErrorKind.InvalidOperation, $"The report {uri} could not be read: {why}.", value: uri);

    public void Dispose() => _s3.Dispose();
}
