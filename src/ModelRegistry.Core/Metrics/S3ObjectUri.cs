using System;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Metrics;

/// <summary>The bucket and key of a report's URI: s3://bucket/key, or an https URL of S3 in virtual-hosted
/// (bucket.s3.region.amazonaws.com/key) or path style (s3.region.amazonaws.com/bucket/key).</summary>
public sealed class S3ObjectUri
{
    private static readonly Regex S3Scheme = new(@"^s3://(?<bucket>[^/]+)/(?<key>.+)$", RegexOptions.CultureInvariant);
    private static readonly Regex VirtualHosted = new(@"^https://(?<bucket>[^/]+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?/(?<key>.+)$",
        RegexOptions.CultureInvariant);
    private static readonly Regex PathStyle = new(@"^https://s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?/(?<bucket>[^/]+)/(?<key>.+)$",
        RegexOptions.CultureInvariant);

    private S3ObjectUri(string bucket, string key)
    {
        Bucket = bucket;
        Key = key;
    }

    public string Bucket { get; }

    public string Key { get; }

    /// <returns>Null when <paramref name="uri"/> names no S3 object.</returns>
    public static S3ObjectUri? TryParse(string uri)
    {
        foreach (var pattern in new[] { S3Scheme, PathStyle, VirtualHosted })
        {
            var match = pattern.Match(uri);
            if (match.Success) return new S3ObjectUri(match.Groups["bucket"].Value, Uri.UnescapeDataString(match.Groups["key"].Value));
        }

        return null;
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
