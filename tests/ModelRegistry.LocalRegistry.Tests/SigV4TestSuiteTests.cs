using System.Text;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>AWS's published SigV4 vectors (SigV4TestSuite/, see its README) against the server's
/// canonicalisation and verifier, and against the tests' own <see cref="TestSigner"/>, so neither
/// side is checked only against itself.</summary>
public sealed class SigV4TestSuiteTests
{
    private const string HeaderSigned = "header-signed-request.txt";
    private const string QuerySigned = "query-signed-request.txt";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    public static TheoryData<string> HeaderCases => new(SigV4TestCase.Names(HeaderSigned));

    public static TheoryData<string> QueryCases => new(SigV4TestCase.Names(QuerySigned));

    public static TheoryData<string, string> SignedRequests
    {
        get
        {
            var requests = new TheoryData<string, string>();
            foreach (var file in new[] { HeaderSigned, QuerySigned })
            {
                foreach (var name in SigV4TestCase.Names(file))
                {
                    requests.Add(name, file);
                }
            }

            return requests;
        }
    }

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public void The_TestSigner_reproduces_each_published_header_signature(string name)
    {
        var suiteCase = SigV4TestCase.Load(name);
        var request = suiteCase.Request(HeaderSigned);
        var signedHeaders = AuthorizationParameter(request.Header("Authorization"), "SignedHeaders").Split(';');

        var signature = TestSigner.Compute(request.Method, TestSigner.CanonicalUri(request.Path, s3: !suiteCase.Normalize),
            TestSigner.CanonicalQuery(request.Query), request.Headers, signedHeaders, HeaderPayloadHash(request), suiteCase.SecretAccessKey,
            suiteCase.Region, suiteCase.Service, request.Header("X-Amz-Date"));

        AssertStages(suiteCase, "header", signature);
    }

    [Theory]
    [MemberData(nameof(QueryCases))]
    public void The_TestSigner_reproduces_each_published_presigned_signature(string name)
    {
        var suiteCase = SigV4TestCase.Load(name);
        var request = suiteCase.QuerySignedRequest();
        var query = QueryParameters(request.Query);

        var signature = TestSigner.Compute(request.Method, TestSigner.CanonicalUri(request.Path, s3: !suiteCase.Normalize),
            TestSigner.CanonicalQuery(request.Query, "X-Amz-Signature"), request.Headers, query["X-Amz-SignedHeaders"].Split(';'),
            QueryPayloadHash(suiteCase, request), suiteCase.SecretAccessKey, suiteCase.Region, suiteCase.Service, query["X-Amz-Date"]);

        AssertStages(suiteCase, "query", signature);
    }

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public void The_server_canonicalises_each_published_header_signed_request_as_published(string name)
    {
        var suiteCase = SigV4TestCase.Load(name);
        var request = suiteCase.Request(HeaderSigned);
        var signedHeaders = AuthorizationParameter(request.Header("Authorization"), "SignedHeaders").Split(';');

        var canonical = CanonicalRequest.Build(request.ToHttpRequest(), signedHeaders, HeaderPayloadHash(request), isS3: !suiteCase.Normalize);

        AssertStages(suiteCase, "header", ServerSignature(suiteCase, request.Header("X-Amz-Date"), canonical));
    }

    [Theory]
    [MemberData(nameof(QueryCases))]
    public void The_server_canonicalises_each_published_presigned_request_as_published(string name)
    {
        var suiteCase = SigV4TestCase.Load(name);
        var request = suiteCase.QuerySignedRequest();
        var query = QueryParameters(request.Query);

        var canonical = CanonicalRequest.Build(request.ToHttpRequest(), query["X-Amz-SignedHeaders"].Split(';'),
            QueryPayloadHash(suiteCase, request), isS3: !suiteCase.Normalize, "X-Amz-Signature");

        AssertStages(suiteCase, "query", ServerSignature(suiteCase, query["X-Amz-Date"], canonical));
    }

    /// <summary>The verifier end to end: every published request it can verify as sent (the cases of
    /// a service that normalises paths, or S3; session tokens are the STS sessions' own) is accepted,
    /// and the same request with one signature digit changed is not.</summary>
    [Theory]
    [MemberData(nameof(SignedRequests))]
    public async Task The_verifier_accepts_each_published_signed_request_and_rejects_it_altered(string name, string file)
    {
        var suiteCase = SigV4TestCase.Load(name);
        if (suiteCase.HasSessionToken || (suiteCase.Service != "s3" && !suiteCase.Normalize))
        {
            return;
        }

        var request = suiteCase.Request(file);
        var body = ChunkedBody(suiteCase) ?? request.Body;
        var authenticator = AuthenticatorFor(suiteCase);

        var authenticated = await authenticator.AuthenticateAsync(request.ToHttpRequest(), body);
        var altered = Alter(request, suiteCase.Expected(file.Replace("signed-request", "signature")));
        var error = await Assert.ThrowsAsync<AwsServiceError>(() => authenticator.AuthenticateAsync(altered.ToHttpRequest(), body));

        Assert.Equal((suiteCase.Region, suiteCase.Service), (authenticated.Region, authenticated.SigningName));
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task The_verifier_accepts_the_documented_chunk_signatures_and_rejects_a_changed_chunk()
    {
        var suiteCase = SigV4TestCase.Load("s3/put-object-chunked");
        var request = suiteCase.Request(HeaderSigned).ToHttpRequest();
        var body = ChunkedBody(suiteCase)!;
        var tampered = (byte[])body.Clone();
        tampered[Array.IndexOf(tampered, (byte)'a') + 100] = (byte)'b';
        var authenticator = AuthenticatorFor(suiteCase);

        await authenticator.AuthenticateAsync(request, body);
        var error = await Assert.ThrowsAsync<AwsServiceError>(() => authenticator.AuthenticateAsync(request, tampered));

        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.Equal(new string('a', 66560), Encoding.ASCII.GetString(AwsChunkedPayload.Parse(body).DecodedContent()));
    }

    private static void AssertStages(SigV4TestCase suiteCase, string form, TestSigner.Signature signature)
    {
        if (suiteCase.Has($"{form}-canonical-request.txt"))
        {
            Assert.Equal(suiteCase.Expected($"{form}-canonical-request.txt"), signature.CanonicalRequest);
        }

        if (suiteCase.Has($"{form}-string-to-sign.txt"))
        {
            Assert.Equal(suiteCase.Expected($"{form}-string-to-sign.txt"), signature.StringToSign);
        }

        Assert.Equal(suiteCase.Expected($"{form}-signature.txt"), signature.Value);
    }

    private static TestSigner.Signature ServerSignature(SigV4TestCase suiteCase, string amzDate, string canonical)
    {
        var scope = TestSigner.Scope(amzDate, suiteCase.Region, suiteCase.Service);
        var stringToSign = SigV4Signature.StringToSign(amzDate, scope, canonical);
        var key = SigV4Signature.SigningKey(suiteCase.SecretAccessKey, amzDate[..8], suiteCase.Region, suiteCase.Service);
        return new TestSigner.Signature(canonical, stringToSign, SigV4Signature.Sign(key, stringToSign));
    }

    private static SigV4Authenticator AuthenticatorFor(SigV4TestCase suiteCase)
    {
        var clock = new FixedClock(suiteCase.Time);
        var account = new EmulatedAccount("suite", "123456789012", suiteCase.AccessKeyId, suiteCase.SecretAccessKey);
        return new SigV4Authenticator(new AccountDirectory([account], new InMemoryDocumentStore(), clock), clock);
    }

    /// <summary>S3 signs what x-amz-content-sha256 declares; the suite's other requests sign the body's hash.</summary>
    private static string HeaderPayloadHash(SigV4TestCase.RawRequest request) =>
        request.Headers.Any(header => header.Key.Equals("x-amz-content-sha256", StringComparison.OrdinalIgnoreCase))
            ? request.Header("x-amz-content-sha256")
            : TestSigner.HexSha256(request.Body);

    private static string QueryPayloadHash(SigV4TestCase suiteCase, SigV4TestCase.RawRequest request) =>
        suiteCase.Service == "s3" ? UnsignedPayload : TestSigner.HexSha256(request.Body);

    /// <summary>The body of the documented streaming upload: chunks of 'a' with the published signatures.</summary>
    private static byte[]? ChunkedBody(SigV4TestCase suiteCase)
    {
        if (!suiteCase.Has("chunk-signatures.txt"))
        {
            return null;
        }

        var body = new StringBuilder();
        foreach (var line in suiteCase.Expected("chunk-signatures.txt").Split('\n'))
        {
            var (size, signature) = (int.Parse(line.Split(' ')[0]), line.Split(' ')[1]);
            body.Append($"{size:x};chunk-signature={signature}\r\n").Append('a', size).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(body.ToString());
    }

    private static SigV4TestCase.RawRequest Alter(SigV4TestCase.RawRequest request, string signature)
    {
        var altered = signature[..^1] + (signature[^1] == '0' ? '1' : '0');
        return request with
        {
            Query = request.Query.Replace(signature, altered),
            Headers = request.Headers.Select(header => KeyValuePair.Create(header.Key, header.Value.Replace(signature, altered))).ToList(),
        };
    }

    private static string AuthorizationParameter(string authorization, string name) =>
        authorization.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Single(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    private static Dictionary<string, string> QueryParameters(string query) => query.TrimStart('?')
        .Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : "");
}
