using System.Globalization;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>The single byte range of a GetObject <c>Range</c> header (<c>bytes=a-b</c>, <c>bytes=a-</c>,
/// <c>bytes=-n</c>). Like S3, a header it cannot read or with several ranges means the whole object.</summary>
public readonly record struct S3ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    public static S3ByteRange? Parse(string header, long objectLength)
    {
        const string unit = "bytes=";
        if (!header.StartsWith(unit, StringComparison.Ordinal) || header.Contains(','))
        {
            return null;
        }

        var spec = header[unit.Length..].Split('-');
        if (spec.Length != 2)
        {
            return null;
        }

        var hasFirst = long.TryParse(spec[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first);
        var hasLast = long.TryParse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last);
        if (!hasFirst && hasLast && spec[0].Length == 0)
        {
            // A suffix range: the last N bytes.
            return last == 0 ? throw NotSatisfiable() : new S3ByteRange(Math.Max(0, objectLength - last), objectLength - 1);
        }

        if (!hasFirst || (spec[1].Length > 0 && (!hasLast || last < first)))
        {
            return null;
        }

        if (first >= objectLength)
        {
            throw NotSatisfiable();
        }

        return new S3ByteRange(first, hasLast ? Math.Min(last, objectLength - 1) : objectLength - 1);
    }

    private static AwsServiceError NotSatisfiable() => new("InvalidRange", "The requested range is not satisfiable", 416);
}
