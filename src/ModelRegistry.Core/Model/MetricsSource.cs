using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>A metrics report in S3 (the MetricsSource shape).</summary>
public sealed class MetricsSource : WireShape
{
    private static readonly string[] Members = { "ContentType", "ContentDigest", "S3Uri" };

    public MetricsSource(string contentType, string s3Uri, string? contentDigest = null)
        : base(null)
    {
        ContentType = contentType;
        S3Uri = s3Uri;
        ContentDigest = contentDigest;
    }

    private MetricsSource(JsonObject json)
        : base(json)
    {
        ContentType = WireJson.String(json, "ContentType");
        ContentDigest = WireJson.String(json, "ContentDigest");
        S3Uri = WireJson.String(json, "S3Uri");
    }

    public string? ContentType { get; set; }

    public string? ContentDigest { get; set; }

    public string? S3Uri { get; set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static MetricsSource FromJson(JsonObject json) => new(json);

    internal static MetricsSource? From(JsonObject? json) => json is null ? null : new MetricsSource(json);

    /// <summary>The report's S3 URI: what a table cell or a CSV field shows.</summary>
    public override string ToString() => S3Uri ?? string.Empty;

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "ContentType", ContentType);
        WireJson.Set(json, "ContentDigest", ContentDigest);
        WireJson.Set(json, "S3Uri", S3Uri);
    }
}
