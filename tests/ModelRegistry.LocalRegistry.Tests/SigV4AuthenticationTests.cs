using System.Text;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>Every way the SigV4 verifier rejects a signature, with the code each protocol family uses;
/// requests are signed by the tests' own <see cref="TestSigner"/> (AWS's vectors: <see cref="SigV4TestSuiteTests"/>).</summary>
public sealed class SigV4AuthenticationTests
{
    // AWS SigV4 test suite (aws-sig-v4-test-suite): key, secret and time shared by every example.
    private const string SuiteAccessKey = "AKIDEXAMPLE";
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SuiteDate = "20150830T123600Z";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly EmulatedAccount SuiteAccount = new("suite", "123456789012", SuiteAccessKey, SuiteSecret);

    private readonly FixedClock _clock = new(SuiteTime);
    private readonly InMemoryDocumentStore _store = new();
    private readonly AccountDirectory _accounts;
    private readonly SigV4Authenticator _authenticator;

    public SigV4AuthenticationTests()
    {
        _accounts = new AccountDirectory([SuiteAccount], _store, _clock);
        _authenticator = new SigV4Authenticator(_accounts, _clock);
    }

    [Fact]
    public async Task Accepts_a_request_signed_by_the_TestSigner()
    {
        var request = SignedRequest("kms", SuiteAccessKey, SuiteSecret, []);

        var authenticated = await _authenticator.AuthenticateAsync(request, []);

        Assert.Equal(new Caller("123456789012", "arn:aws:iam::123456789012:root", SuiteAccessKey), authenticated.Caller);
        Assert.Equal("us-east-1", authenticated.Region);
        Assert.Equal("kms", authenticated.SigningName);
    }

    [Theory]
    [InlineData("kms", "InvalidSignatureException")]
    [InlineData("ecr", "InvalidSignatureException")]
    [InlineData("sts", "SignatureDoesNotMatch")]
    [InlineData("s3", "SignatureDoesNotMatch")]
    public async Task Rejects_a_signature_made_with_the_wrong_secret(string service, string expectedCode)
    {
        var request = SignedRequest(service, SuiteAccessKey, "not-the-secret", "{}"u8.ToArray());

        await AssertRejectedAsync(request, "{}"u8.ToArray(), expectedCode);
    }

    [Theory]
    [InlineData("kms", "UnrecognizedClientException")]
    [InlineData("sts", "InvalidClientTokenId")]
    [InlineData("s3", "InvalidAccessKeyId")]
    public async Task Rejects_an_unknown_access_key(string service, string expectedCode)
    {
        var request = SignedRequest(service, "AKIAUNKNOWNKEY000000", SuiteSecret, []);

        await AssertRejectedAsync(request, [], expectedCode);
    }

    [Theory]
    [InlineData("kms", "InvalidSignatureException", "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T125600Z - 15 min.)")]
    [InlineData("sts", "SignatureDoesNotMatch", "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T125600Z - 15 min.)")]
    [InlineData("s3", "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.")]
    public async Task Rejects_a_request_signed_more_than_fifteen_minutes_ago(string service, string expectedCode, string expectedMessage)
    {
        var request = SignedRequest(service, SuiteAccessKey, SuiteSecret, []);
        _clock.Now = SuiteTime.AddMinutes(20);

        var error = await AssertRejectedAsync(request, [], expectedCode);

        Assert.Equal(expectedMessage, error.Message);
    }

    [Fact]
    public async Task Accepts_clock_skew_within_fifteen_minutes()
    {
        var request = SignedRequest("kms", SuiteAccessKey, SuiteSecret, []);
        _clock.Now = SuiteTime.AddMinutes(14);

        var authenticated = await _authenticator.AuthenticateAsync(request, []);

        Assert.Equal("kms", authenticated.SigningName);
    }

    [Fact]
    public async Task Rejects_a_body_changed_after_signing()
    {
        var request = SignedRequest("kms", SuiteAccessKey, SuiteSecret, "{\"KeyId\":\"a\"}"u8.ToArray());

        await AssertRejectedAsync(request, "{\"KeyId\":\"b\"}"u8.ToArray(), "InvalidSignatureException");
    }

    [Fact]
    public async Task Rejects_an_S3_body_that_does_not_match_its_declared_hash()
    {
        var request = SignedRequest("s3", SuiteAccessKey, SuiteSecret, "original"u8.ToArray());

        await AssertRejectedAsync(request, "tampered"u8.ToArray(), "XAmzContentSHA256Mismatch");
    }

    [Fact]
    public async Task Accepts_an_unsigned_S3_payload()
    {
        var request = SignedRequest("s3", SuiteAccessKey, SuiteSecret, [], payloadHash: "UNSIGNED-PAYLOAD");

        var authenticated = await _authenticator.AuthenticateAsync(request, "any bytes"u8.ToArray());

        Assert.Equal("s3", authenticated.SigningName);
    }

    [Fact]
    public async Task Rejects_a_streaming_body_that_is_not_aws_chunked()
    {
        var request = SignedRequest("s3", SuiteAccessKey, SuiteSecret, [], payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER");

        await AssertRejectedAsync(request, "zz\r\nnot chunked"u8.ToArray(), "IncompleteBody");
    }

    [Fact]
    public async Task Rejects_a_chunk_whose_signature_does_not_chain()
    {
        var request = SignedRequest("s3", SuiteAccessKey, SuiteSecret, [], payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
        var forged = $"5;chunk-signature={new string('0', 64)}\r\nhello\r\n0;chunk-signature={new string('0', 64)}\r\n\r\n";

        await AssertRejectedAsync(request, Encoding.ASCII.GetBytes(forged), "SignatureDoesNotMatch");
    }

    [Theory]
    [InlineData("kms", "MissingAuthenticationTokenException")]
    [InlineData("sts", "MissingAuthenticationToken")]
    [InlineData("s3", "AccessDenied")]
    public async Task Rejects_an_unsigned_request(string service, string expectedCode)
    {
        var request = SignedRequest(service, SuiteAccessKey, SuiteSecret, []);
        request.Headers.Authorization = default;

        await AssertRejectedAsync(request, [], expectedCode);
    }

    [Fact]
    public async Task Rejects_a_malformed_authorization_header()
    {
        var request = SignedRequest("kms", SuiteAccessKey, SuiteSecret, []);
        request.Headers.Authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/kms, Signature=abc";

        await AssertRejectedAsync(request, [], "IncompleteSignatureException");
    }

    [Theory]
    [InlineData("kms", "ExpiredTokenException")]
    [InlineData("sts", "ExpiredToken")]
    [InlineData("s3", "ExpiredToken")]
    public async Task Rejects_an_expired_session_token(string service, string expectedCode)
    {
        var session = _accounts.StartSession(SuiteAccount.AccountId, "deployer", "ci", TimeSpan.FromMinutes(15));
        _clock.Now = SuiteTime.AddMinutes(16);
        var request = SignedRequest(service, session.AccessKeyId, session.SecretAccessKey, [], session.SessionToken, _clock.Now);

        await AssertRejectedAsync(request, [], expectedCode);
    }

    [Fact]
    public async Task Accepts_a_live_session_as_its_assumed_role()
    {
        var session = _accounts.StartSession(SuiteAccount.AccountId, "deployer", "ci", TimeSpan.FromMinutes(15));
        var request = SignedRequest("kms", session.AccessKeyId, session.SecretAccessKey, [], session.SessionToken);

        var authenticated = await _authenticator.AuthenticateAsync(request, []);

        Assert.Equal("arn:aws:sts::123456789012:assumed-role/deployer/ci", authenticated.Caller.Arn);
        Assert.Equal(session.AccessKeyId, authenticated.Caller.AccessKeyId);
    }

    [Theory]
    [InlineData("kms", "UnrecognizedClientException")]
    [InlineData("s3", "InvalidToken")]
    public async Task Rejects_a_session_key_with_another_token(string service, string expectedCode)
    {
        var session = _accounts.StartSession(SuiteAccount.AccountId, "deployer", "ci", TimeSpan.FromMinutes(15));
        var request = SignedRequest(service, session.AccessKeyId, session.SecretAccessKey, [], "forged-token");

        await AssertRejectedAsync(request, [], expectedCode);
    }

    [Fact]
    public async Task Accepts_a_presigned_S3_url_until_it_expires()
    {
        var request = PresignedRequest(expiresSeconds: 60);

        var authenticated = await _authenticator.AuthenticateAsync(request, []);
        _clock.Now = SuiteTime.AddSeconds(61);
        var expired = await AssertRejectedAsync(request, [], "AccessDenied");

        Assert.Equal("s3", authenticated.SigningName);
        Assert.Equal("Request has expired", expired.Message);
    }

    [Fact]
    public async Task Keys_from_an_accounts_file_authenticate_as_that_account()
    {
        var accounts = AccountsFile.Parse(
            $"{{\"accounts\":[{{\"name\":\"ci\",\"accountId\":\"333333333333\",\"accessKeyId\":\"{SuiteAccessKey}\",\"secretAccessKey\":\"{SuiteSecret}\"}}]}}",
            "accounts.json");
        var authenticator = new SigV4Authenticator(new AccountDirectory(accounts, _store, _clock), _clock);

        var authenticated = await authenticator.AuthenticateAsync(SignedRequest("kms", SuiteAccessKey, SuiteSecret, []), []);

        Assert.Equal("333333333333", authenticated.Caller.AccountId);
    }

    [Theory]
    [InlineData("{\"accounts\":[]}", "at least one account")]
    [InlineData("{\"accounts\":[{\"name\":\"a\",\"accountId\":\"12345\",\"accessKeyId\":\"K\",\"secretAccessKey\":\"S\"}]}", "accounts[0].accountId must be 12 digits")]
    [InlineData("{\"accounts\":[{\"name\":\"a\",\"accountId\":\"123456789012\",\"secretAccessKey\":\"S\"}]}", "accounts[0].accessKeyId is missing")]
    [InlineData("not json", "not valid JSON")]
    public void An_invalid_accounts_file_is_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<FormatException>(() => AccountsFile.Parse(json, "accounts.json"));

        Assert.Contains(reason, error.Message);
        Assert.StartsWith("accounts.json: ", error.Message);
    }

    [Fact]
    public void Resolves_the_signing_name_of_an_unsigned_json_request_from_its_target()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.Path = "/";
        request.Headers["X-Amz-Target"] = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";

        Assert.Equal("ecr", _authenticator.ResolveSigningName(request));
    }

    [Fact]
    public void Decodes_an_aws_chunked_body_with_trailing_checksum()
    {
        var body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"u8.ToArray();

        var payload = AwsChunkedPayload.Parse(body);

        Assert.Equal("hello world", Encoding.UTF8.GetString(payload.DecodedContent()));
        Assert.Equal(new KeyValuePair<string, string>("x-amz-checksum-crc32", "DUoRhQ=="), Assert.Single(payload.Trailers));
    }

    private async Task<AwsServiceError> AssertRejectedAsync(HttpRequest request, byte[] body, string expectedCode)
    {
        var error = await Assert.ThrowsAsync<AwsServiceError>(() => _authenticator.AuthenticateAsync(request, body));
        Assert.Equal(expectedCode, error.Code);
        return error;
    }

    /// <summary>A presigned GET (query-string SigV4, host signed, UNSIGNED-PAYLOAD) as SDKs create them.</summary>
    private static HttpRequest PresignedRequest(int expiresSeconds)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "GET";
        request.Path = "/bucket/report.json";
        request.Headers.Host = "127.0.0.1:4566";
        var scope = "20150830/us-east-1/s3/aws4_request";
        var query = $"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential={Uri.EscapeDataString(SuiteAccessKey + "/" + scope)}" +
            $"&X-Amz-Date={SuiteDate}&X-Amz-Expires={expiresSeconds}&X-Amz-SignedHeaders=host";
        request.QueryString = new QueryString(query);
        var signature = TestSigner.Compute("GET", TestSigner.CanonicalUri(request.Path.Value!, s3: true), TestSigner.CanonicalQuery(query),
            [KeyValuePair.Create("host", request.Headers.Host.ToString())], ["host"], "UNSIGNED-PAYLOAD", SuiteSecret, "us-east-1", "s3", SuiteDate).Value;
        request.QueryString = new QueryString(query + "&X-Amz-Signature=" + signature);
        return request;
    }

    /// <summary>Builds the request an SDK sends (JSON target or query form content type) and signs it
    /// like an SDK: host and x-amz-date signed, plus x-amz-content-sha256 for S3 and
    /// x-amz-security-token for sessions.</summary>
    private static HttpRequest SignedRequest(string service, string accessKeyId, string secret, byte[] body,
        string? sessionToken = null, DateTimeOffset? at = null, string? payloadHash = null)
    {
        var time = at ?? SuiteTime;
        var amzDate = TestSigner.AmzDate(time);
        var request = new DefaultHttpContext().Request;
        request.Method = service == "s3" ? "PUT" : "POST";
        request.Path = service == "s3" ? "/bucket/key" : "/";
        request.Headers.Host = "127.0.0.1:4566";
        request.Headers["X-Amz-Date"] = amzDate;
        if (service == "sts")
        {
            request.ContentType = "application/x-www-form-urlencoded; charset=utf-8";
        }
        else if (service != "s3")
        {
            request.Headers["X-Amz-Target"] = service == "kms" ? "TrentService.DescribeKey" : "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories";
        }

        var signedHeaders = new List<string> { "host", "x-amz-date" };
        payloadHash ??= TestSigner.HexSha256(body);
        if (service == "s3")
        {
            request.Headers["X-Amz-Content-SHA256"] = payloadHash;
            signedHeaders.Add("x-amz-content-sha256");
        }

        if (sessionToken is not null)
        {
            request.Headers["X-Amz-Security-Token"] = sessionToken;
            signedHeaders.Add("x-amz-security-token");
        }

        signedHeaders.Sort(StringComparer.Ordinal);
        var headers = request.Headers.SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value ?? "")));
        var signature = TestSigner.Compute(request.Method, TestSigner.CanonicalUri(request.Path.Value!, service == "s3"), "", headers,
            signedHeaders, payloadHash, secret, "us-east-1", service, amzDate);
        request.Headers.Authorization = TestSigner.AuthorizationHeader(accessKeyId, TestSigner.Scope(amzDate, "us-east-1", service), signedHeaders, signature.Value);
        return request;
    }
}
