using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>One case of the SigV4 test suite copied into <c>SigV4TestSuite/</c> (see its README):
/// the context (keys, region, service, time), the request as signed, and the expected results.</summary>
public sealed class SigV4TestCase
{
    private static readonly string SuiteFolder = Path.Combine(AppContext.BaseDirectory, "SigV4TestSuite");
    private readonly string _folder;

    private SigV4TestCase(string name)
    {
        Name = name;
        _folder = Path.Combine(SuiteFolder, name);
        var context = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "context.json")))!;
        AccessKeyId = (string)context["credentials"]!["access_key_id"]!;
        SecretAccessKey = (string)context["credentials"]!["secret_access_key"]!;
        HasSessionToken = context["credentials"]!["token"] is not null;
        Region = (string)context["region"]!;
        Service = (string)context["service"]!;
        Time = DateTimeOffset.Parse((string)context["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Normalize = (bool)context["normalize"]!;
        OmitsSessionToken = (bool?)context["omit_session_token"] ?? false;
    }

    public string Name { get; }
    public string AccessKeyId { get; }
    public string SecretAccessKey { get; }
    public bool HasSessionToken { get; }
    public string Region { get; }
    public string Service { get; }
    public DateTimeOffset Time { get; }

    /// <summary>False for the cases signed the S3 way: the path neither normalised nor encoded twice.</summary>
    public bool Normalize { get; }

    /// <summary>The session token was added after signing, so it is not part of the signature.</summary>
    public bool OmitsSessionToken { get; }

    /// <summary>Names (such as <c>v4/get-vanilla</c>) of the cases that have <paramref name="file"/>.</summary>
    public static IEnumerable<string> Names(string file) =>
        Directory.GetDirectories(SuiteFolder)
            .SelectMany(Directory.GetDirectories)
            .Where(folder => File.Exists(Path.Combine(folder, file)))
            .Select(folder => Path.GetRelativePath(SuiteFolder, folder).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static SigV4TestCase Load(string name) => new(name);

    public bool Has(string file) => File.Exists(Path.Combine(_folder, file));

    /// <summary>An expected result (canonical request, string to sign, signature) exactly as published.</summary>
    public string Expected(string file) => File.ReadAllText(Path.Combine(_folder, file)).TrimEnd('\n');

    public RawRequest Request(string file) => RawRequest.Parse(File.ReadAllText(Path.Combine(_folder, file)));

    /// <summary>The presigned request as signed: without a session token added after signing.</summary>
    public RawRequest QuerySignedRequest()
    {
        var request = Request("query-signed-request.txt");
        return OmitsSessionToken
            ? request with { Query = "?" + string.Join('&', request.Query.TrimStart('?').Split('&').Where(pair => !pair.StartsWith("X-Amz-Security-Token=", StringComparison.Ordinal))) }
            : request;
    }

    /// <summary>A request of the suite: method, target as sent, headers in order (folded lines
    /// unfolded as RFC 9112 says), body.</summary>
    public sealed record RawRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public static RawRequest Parse(string text)
        {
            var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = headerEnd < 0 ? text.TrimEnd('\n') : text[..headerEnd];
            var body = headerEnd < 0 ? "" : text[(headerEnd + 2)..];
            var lines = head.Split('\n');
            var requestLine = lines[0];
            var method = requestLine[..requestLine.IndexOf(' ')];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                if (line.Length > 0 && char.IsWhiteSpace(line[0]))
                {
                    var (name, value) = headers[^1];
                    headers[^1] = KeyValuePair.Create(name, value + " " + line);
                    continue;
                }

                var colon = line.IndexOf(':');
                headers.Add(KeyValuePair.Create(line[..colon], line[(colon + 1)..]));
            }

            var question = target.IndexOf('?');
            return new RawRequest(method, question < 0 ? target : target[..question], question < 0 ? "" : target[question..],
                headers, Encoding.UTF8.GetBytes(body));
        }

        public string Header(string name) => Headers.Single(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.Trim();

        /// <summary>The request as Kestrel hands it to the server, with the target exactly as sent.</summary>
        public HttpRequest ToHttpRequest()
        {
            var context = new DefaultHttpContext();
            var request = context.Request;
            request.Method = Method;
            request.Path = new PathString(Path);
            request.QueryString = new QueryString(Query.Length == 0 ? null : Query);
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = Path + Query;
            foreach (var (name, value) in Headers)
            {
                request.Headers.Append(name, value);
            }

            request.Body = new MemoryStream(Body);
            return request;
        }
    }
}
