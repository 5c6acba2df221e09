using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>An item of a listing with its cursor: a string that orders items as the listing sorts them
/// (sort value, then a unique id), so a page can resume after the last item even if items were added
/// or deleted in between. The summary is built only for the items of the page returned.</summary>
internal sealed record ListingItem(string Cursor, Func<JsonObject> Summary);

/// <summary>Cuts sorted listings into pages. NextToken is opaque to callers: it carries the cursor of
/// the last item returned and a fingerprint of the query, so a token used with other filters is
/// rejected like AWS rejects it.</summary>
internal static class ListingPage
{
    public static (List<JsonObject> Items, string? NextToken) Take(IEnumerable<ListingItem> items, bool descending,
        JsonObject input, string operation, int defaultMaxResults)
    {
        var maxResults = (int?)input["MaxResults"] ?? defaultMaxResults;
        var fingerprint = Fingerprint(operation, input);
        var ordered = descending
            ? items.OrderByDescending(i => i.Cursor, StringComparer.Ordinal)
            : items.OrderBy(i => i.Cursor, StringComparer.Ordinal);

        var after = (string?)input["NextToken"] is { Length: > 0 } token ? ReadCursor(token, fingerprint) : null;
        var remaining = after is null
            ? ordered
            : ordered.SkipWhile(i => descending
                ? string.CompareOrdinal(i.Cursor, after) >= 0
                : string.CompareOrdinal(i.Cursor, after) <= 0);

        var page = new List<JsonObject>();
        string? lastCursor = null;
        foreach (var item in remaining)
        {
            if (page.Count == maxResults)
            {
                return (page, WriteCursor(lastCursor!, fingerprint));
            }

            page.Add(item.Summary());
            lastCursor = item.Cursor;
        }

        return (page, null);
    }

    /// <summary>Sort cursor for a timestamp (epoch seconds): fixed-width milliseconds sort as numbers.</summary>
    public static string TimeCursor(double epochSeconds, string id) =>
        ((long)Math.Round(epochSeconds * 1000)).ToString("D15", System.Globalization.CultureInfo.InvariantCulture) + "\u0000" + id;

    public static string NameCursor(string name, string id) => name.ToLowerInvariant() + "\u0000" + id;

    private static string WriteCursor(string cursor, string fingerprint)
    {
        var json = new JsonObject { ["after"] = cursor, ["query"] = fingerprint }.ToJsonString();
        return WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(json));
    }

    private static string ReadCursor(string token, string fingerprint)
    {
        try
        {
            var json = JsonNode.Parse(WebEncoders.Base64UrlDecode(token));
            if ((string?)json?["query"] == fingerprint && (string?)json["after"] is string cursor)
            {
                return cursor;
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            // Falls through to the error AWS gives for a token it did not issue for this query.
        }

        throw new AwsServiceError("ValidationException", "Invalid pagination token: the token is not valid for this request.");
    }

    /// <summary>Identifies the query a token belongs to: every input member except the paging ones.</summary>
    private static string Fingerprint(string operation, JsonObject input)
    {
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in input)
        {
            if (name is not ("NextToken" or "MaxResults"))
            {
                query[name] = value?.ToJsonString() ?? "null";
            }
        }

        var text = operation + "\n" + string.Join("\n", query.Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
