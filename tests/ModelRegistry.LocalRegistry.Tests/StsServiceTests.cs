using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>STS over the wire with the official AWS SDK for .NET client.</summary>
public sealed class StsServiceTests : IClassFixture<LocalRegistryFixture>
{
    private readonly LocalRegistryFixture _fixture;

    public StsServiceTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    [Fact]
    public async Task GetCallerIdentity_names_the_account_of_the_key()
    {
        using var sts = Client(new BasicAWSCredentials(TestAccount.Training.AccessKeyId, TestAccount.Training.SecretAccessKey));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("222222222222", identity.Account);
        Assert.Equal("arn:aws:iam::222222222222:root", identity.Arn);
        Assert.Equal("222222222222", identity.UserId);
    }

    [Fact]
    public async Task AssumeRole_issues_working_temporary_credentials_of_the_target_account()
    {
        using var sts = Client(Registry());
        var before = DateTime.UtcNow;

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/ModelPublisher",
            RoleSessionName = "pipeline-42",
            DurationSeconds = 900,
        });

        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId);
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/ModelPublisher/pipeline-42", assumed.AssumedRoleUser.Arn);
        Assert.EndsWith(":pipeline-42", assumed.AssumedRoleUser.AssumedRoleId);
        Assert.InRange(assumed.Credentials.Expiration!.Value.ToUniversalTime(), before.AddSeconds(890), before.AddSeconds(910));

        using var asRole = Client(new SessionAWSCredentials(
            assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("222222222222", identity.Account);
        Assert.Equal(assumed.AssumedRoleUser.Arn, identity.Arn);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, identity.UserId);
    }

    [Fact]
    public async Task Sessions_survive_a_restart_on_the_same_data_directory()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("sts-persistence-").FullName;
        try
        {
            Credentials credentials;
            await using (var first = await RunningRegistry.StartAsync(dataDirectory))
            {
                using var sts = Client(first, Registry());
                credentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111111111111:role/Kept", RoleSessionName = "restart" })).Credentials;
            }

            await using var second = await RunningRegistry.StartAsync(dataDirectory);
            using var asRole = Client(second, new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
            var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());

            Assert.Equal("arn:aws:sts::111111111111:assumed-role/Kept/restart", identity.Arn);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task AssumeRole_rejects_a_duration_outside_the_model_range()
    {
        using var sts = Client(Registry());

        // The SDK's analyzer flags the value; sending it anyway is the point of the test.
#pragma warning disable SecurityTokenService1003
        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/ModelPublisher",
            RoleSessionName = "too-short",
            DurationSeconds = 899,
        }));
#pragma warning restore SecurityTokenService1003

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("durationSeconds", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AssumeRole_with_session_credentials_is_limited_to_one_hour()
    {
        using var sts = Client(Registry());
        var first = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111111111111:role/Hop", RoleSessionName = "one" });
        using var chained = Client(new SessionAWSCredentials(first.Credentials.AccessKeyId, first.Credentials.SecretAccessKey, first.Credentials.SessionToken));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => chained.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/Hop",
            RoleSessionName = "two",
            DurationSeconds = 7200,
        }));

        Assert.Equal("ValidationError", error.ErrorCode);
    }

    [Fact]
    public async Task AssumeRole_into_an_account_the_registry_does_not_have_is_denied()
    {
        using var sts = Client(Registry());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::333333333333:role/Elsewhere",
            RoleSessionName = "nope",
        }));

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_is_unsigned_and_issues_credentials_of_the_role_account()
    {
        using var sts = Client(new AnonymousAWSCredentials());

        var assumed = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/GitHubDeploy",
            RoleSessionName = "ci-run-7",
            WebIdentityToken = Jwt(new JsonObject { ["iss"] = "https://token.actions.example", ["sub"] = "repo:org/app:ref:refs/heads/main", ["aud"] = "https://ci.example/deploy", ["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds() }),
        });

        Assert.Equal("arn:aws:sts::222222222222:assumed-role/GitHubDeploy/ci-run-7", assumed.AssumedRoleUser.Arn);
        Assert.Equal("repo:org/app:ref:refs/heads/main", assumed.SubjectFromWebIdentityToken);
        Assert.Equal("https://token.actions.example", assumed.Provider);
        Assert.Equal("https://ci.example/deploy", assumed.Audience);
        // Any non-empty token will do: nothing checks who issued it.
        var opaque = await sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/AnyRoleName",
            RoleSessionName = "opaque",
            WebIdentityToken = "not-a-jwt",
        });
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/AnyRoleName/opaque", opaque.AssumedRoleUser.Arn);
        using var asRole = Client(new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken));
        Assert.Equal("222222222222", (await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_refuses_an_expired_token_and_an_unknown_account()
    {
        using var sts = Client(new AnonymousAWSCredentials());
        var expired = Jwt(new JsonObject { ["sub"] = "someone", ["exp"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds() });

        var expiredError = await Assert.ThrowsAsync<ExpiredTokenException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/GitHubDeploy",
            RoleSessionName = "late",
            WebIdentityToken = expired,
        }));
        var deniedError = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = "arn:aws:iam::333333333333:role/Elsewhere",
            RoleSessionName = "nope",
            WebIdentityToken = "opaque-token",
        }));

        Assert.Equal("ExpiredTokenException", expiredError.ErrorCode);
        Assert.Equal("AccessDenied", deniedError.ErrorCode);
    }

    [Fact]
    public async Task Other_STS_operations_still_need_a_signature()
    {
        using var sts = Client(new AnonymousAWSCredentials());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = "arn:aws:iam::222222222222:role/ModelPublisher",
            RoleSessionName = "anonymous",
        }));

        Assert.Equal("MissingAuthenticationToken", error.ErrorCode);
    }

    private static string Jwt(JsonObject claims)
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + Encode(claims.ToJsonString()) + ".c2lnbmF0dXJl";
    }

    [Theory]
    [InlineData("Version=2011-06-15", "InvalidAction")]
    [InlineData("Action=GetCallerIdentity", "InvalidAction")]
    [InlineData("Action=DeleteEverything&Version=2011-06-15", "InvalidAction")]
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1", "ValidationError")]
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111111111111:role/R&RoleSessionName=s1&DurationSeconds=soon", "ValidationError")]
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111111111111:role/R&RoleSessionName=bad%20name", "ValidationError")]
    public async Task Malformed_query_requests_are_sender_errors(string form, string expectedCode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fixture.Registry.BaseAddress, "/"));

        var reply = await SignedHttp.SendAsync(request, System.Text.Encoding.UTF8.GetBytes(form), TestAccount.Registry, "sts",
            "application/x-www-form-urlencoded; charset=utf-8");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains($"<Type>Sender</Type><Code>{expectedCode}</Code>", reply.Body);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch()
    {
        using var sts = Client(new BasicAWSCredentials(TestAccount.Registry.AccessKeyId, "WrongSecretKey000000000000000000000000000"));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidClientTokenId()
    {
        using var sts = Client(new BasicAWSCredentials("AKIANOSUCHKEY0000000", TestAccount.Registry.SecretAccessKey));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task The_container_credentials_endpoint_issues_a_one_hour_ContainerTaskRole_session_of_the_account()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _fixture.Registry.BaseAddress };
        const string path = "/_localregistry/container-credentials/222222222222";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // The SDK sends AWS_CONTAINER_AUTHORIZATION_TOKEN as this header; any value will do.
        request.Headers.TryAddWithoutValidation("Authorization", "pod-identity-token");
        var before = DateTimeOffset.UtcNow;
        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var bare = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        var expiration = DateTimeOffset.Parse((string)body["Expiration"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expiration, before.AddHours(1).AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal("arn:aws:iam::222222222222:role/ContainerTaskRole", (string?)body["RoleArn"]);
        using var sts = Client(new SessionAWSCredentials((string)body["AccessKeyId"]!, (string)body["SecretAccessKey"]!, (string)body["Token"]!));
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/ContainerTaskRole/container", identity.Arn);
    }

    private static BasicAWSCredentials Registry() => new(TestAccount.Registry.AccessKeyId, TestAccount.Registry.SecretAccessKey);

    private AmazonSecurityTokenServiceClient Client(AWSCredentials credentials) => Client(_fixture.Registry, credentials);

    private static AmazonSecurityTokenServiceClient Client(RunningRegistry registry, AWSCredentials credentials) => new(credentials, new AmazonSecurityTokenServiceConfig
    {
        ServiceURL = registry.BaseAddress.ToString(),
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });
}
