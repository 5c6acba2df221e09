using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>ECR over the wire. There is no AWSSDK.ECR package here, so requests are built as the SDKs
/// build them (JSON 1.1, <c>X-Amz-Target</c>, SigV4 for service "ecr") by <see cref="SignedHttp"/>.</summary>
public sealed class EcrServiceTests : IClassFixture<LocalRegistryFixture>
{
    private readonly LocalRegistryFixture _fixture;

    public EcrServiceTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task CreateRepository_returns_the_repository_shape()
    {
        var name = NewName();

        var reply = await Ecr(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name });

        var repository = reply.Json["repository"]!;
        Assert.Equal($"arn:aws:ecr:us-east-1:111111111111:repository/{name}", (string?)repository["repositoryArn"]);
        Assert.Equal($"111111111111.dkr.ecr.us-east-1.amazonaws.com/{name}", (string?)repository["repositoryUri"]);
        Assert.Equal("MUTABLE", (string?)repository["imageTagMutability"]);
        Assert.Equal("AES256", (string?)repository["encryptionConfiguration"]!["encryptionType"]);
        Assert.InRange((double)repository["createdAt"]!, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Creating_an_existing_repository_fails()
    {
        var name = NewName();
        await Ecr(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name });

        var reply = await EcrError(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name }, "RepositoryAlreadyExistsException");

        Assert.Equal($"The repository with name '{name}' already exists in the registry with id '111111111111'", reply.ErrorMessage);
    }

    [Fact]
    public async Task Repository_names_are_validated_against_the_model()
    {
        var reply = await EcrError(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = "Upper_Case!" }, "ValidationException");

        Assert.Contains("repositoryName", reply.ErrorMessage);
    }

    [Fact]
    public async Task DescribeRepositories_pages_through_every_repository()
    {
        var account = TestAccount.Training;
        var names = Enumerable.Range(0, 5).Select(_ => NewName()).ToList();
        foreach (var name in names)
        {
            await Ecr(account, "CreateRepository", new JsonObject { ["repositoryName"] = name });
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var input = new JsonObject { ["maxResults"] = 2 };
            if (token is not null)
            {
                input["nextToken"] = token;
            }

            var page = (await Ecr(account, "DescribeRepositories", input)).Json;
            var repositories = page["repositories"]!.AsArray();
            Assert.InRange(repositories.Count, 1, 2);
            seen.AddRange(repositories.Select(r => (string)r!["repositoryName"]!));
            token = (string?)page["nextToken"];
        }
        while (token is not null);

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Subset(seen.ToHashSet(), names.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Describing_a_missing_repository_is_RepositoryNotFound()
    {
        var reply = await EcrError(TestAccount.Registry, "DescribeRepositories",
            new JsonObject { ["repositoryNames"] = new JsonArray("absent-repo") }, "RepositoryNotFoundException");

        Assert.Equal("The repository with name 'absent-repo' does not exist in the registry with id '111111111111'", reply.ErrorMessage);
    }

    [Fact]
    public async Task Repository_policy_is_set_read_and_deleted()
    {
        var name = NewName();
        await Ecr(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name });
        var policy = PullPolicy("arn:aws:iam::222222222222:root");
        var target = new JsonObject { ["repositoryName"] = name };

        await EcrError(TestAccount.Registry, "GetRepositoryPolicy", target.DeepClone().AsObject(), "RepositoryPolicyNotFoundException");
        var set = await Ecr(TestAccount.Registry, "SetRepositoryPolicy", new JsonObject { ["repositoryName"] = name, ["policyText"] = policy });
        var got = await Ecr(TestAccount.Registry, "GetRepositoryPolicy", target.DeepClone().AsObject());
        var deleted = await Ecr(TestAccount.Registry, "DeleteRepositoryPolicy", target.DeepClone().AsObject());
        await EcrError(TestAccount.Registry, "DeleteRepositoryPolicy", target.DeepClone().AsObject(), "RepositoryPolicyNotFoundException");

        // ECR answers with the policy pretty-printed as its Java service renders JSON (Jackson's default printer).
        const string pretty = """
            {
              "Version" : "2012-10-17",
              "Statement" : [ {
                "Sid" : "AllowPull",
                "Effect" : "Allow",
                "Principal" : {
                  "AWS" : "arn:aws:iam::222222222222:root"
                },
                "Action" : [ "ecr:DescribeRepositories", "ecr:GetRepositoryPolicy" ]
              } ]
            }
            """;
        Assert.Equal(pretty, (string?)set.Json["policyText"]);
        Assert.Equal(pretty, (string?)got.Json["policyText"]);
        Assert.Equal("111111111111", (string?)got.Json["registryId"]);
        Assert.Equal(pretty, (string?)deleted.Json["policyText"]);
    }

    [Theory]
    [InlineData("not-an-account")]
    [InlineData("arn:aws:iam::12:root")]
    public async Task A_repository_policy_naming_a_principal_that_is_no_account_is_InvalidParameter(string principal)
    {
        var name = NewName();
        await Ecr(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name });
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
            + "\"},\"Action\":\"ecr:BatchGetImage\"}]}";

        await EcrError(TestAccount.Registry, "SetRepositoryPolicy", new JsonObject { ["repositoryName"] = name, ["policyText"] = policy }, "InvalidParameterException");
        await EcrError(TestAccount.Registry, "GetRepositoryPolicy", new JsonObject { ["repositoryName"] = name }, "RepositoryPolicyNotFoundException");
    }

    [Fact]
    public async Task An_invalid_repository_policy_is_InvalidParameter()
    {
        var name = NewName();
        await Ecr(TestAccount.Registry, "CreateRepository", new JsonObject { ["repositoryName"] = name });

        await EcrError(TestAccount.Registry, "SetRepositoryPolicy",
            new JsonObject { ["repositoryName"] = name, ["policyText"] = "{\"Statement\":\"nope\"}" }, "InvalidParameterException");
    }

    [Theory]
    [InlineData("kms", "TrentService.ListGrants", "{\"KeyId\":\"k\",\"Limit\":2.5}")]
    [InlineData("kms", "TrentService.CreateGrant", "{\"KeyId\":\"k\",\"Operations\":{\"a\":1}}")]
    [InlineData("kms", "TrentService.CreateGrant", "{\"KeyId\":\"k\",\"Operations\":[\"Nope\"]}")]
    [InlineData("kms", "TrentService.DescribeKey", "{\"KeyId\":5}")]
    [InlineData("kms", "TrentService.DescribeKey", "[1,2]")]
    [InlineData("kms", "TrentService.DescribeKey", "{\"KeyId\":")]
    [InlineData("kms", "TrentService.RetireGrant", "{\"GrantToken\":\"not base64!\"}")]
    [InlineData("kms", "TrentService.CreateKey", "{\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"Policy\":\"[]\"}")]
    [InlineData("ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{\"maxResults\":1.5}")]
    [InlineData("ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{\"nextToken\":\"%%%\"}")]
    [InlineData("ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{\"repositoryNames\":[null]}")]
    [InlineData("ecr", "AmazonEC2ContainerRegistry_V20150921.CreateRepository", "{\"repositoryName\":\"ok-name\",\"imageScanningConfiguration\":{\"scanOnPush\":\"yes\"}}")]
    [InlineData("ecr", "AmazonEC2ContainerRegistry_V20150921.SetRepositoryPolicy", "{\"repositoryName\":\"absent\",\"policyText\":7}")]
    public async Task MalformedInputIsAClientErrorNeverAServerError(string service, string target, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fixture.Registry.BaseAddress, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);

        var reply = await SignedHttp.SendAsync(request, Encoding.UTF8.GetBytes(body), TestAccount.Registry, service, "application/x-amz-json-1.1");

        Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{target} {body}: {(int)reply.Status} {reply.Body}");
        Assert.NotNull(reply.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_secret_is_InvalidSignatureException()
    {
        await EcrError(TestAccount.Registry with { SecretAccessKey = "WrongSecretKey000000000000000000000000000" },
            "DescribeRepositories", [], "InvalidSignatureException");
    }

    internal static string PullPolicy(string principal) =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPull\",\"Effect\":\"Allow\"," +
        $"\"Principal\":{{\"AWS\":\"{principal}\"}},\"Action\":[\"ecr:DescribeRepositories\",\"ecr:GetRepositoryPolicy\"]}}]}}";

    internal static string NewName() => "models/" + Guid.NewGuid().ToString("N")[..10];

    private Task<AwsReply> Ecr(TestAccount account, string operation, JsonObject input) => Ecr(_fixture.Registry, account, operation, input);

    private Task<AwsReply> EcrError(TestAccount account, string operation, JsonObject input, string code) =>
        EcrError(_fixture.Registry, account, operation, input, code);

    internal static async Task<AwsReply> Ecr(RunningRegistry registry, TestAccount account, string operation, JsonObject input)
    {
        var reply = await SignedHttp.JsonAsync(registry, account, "ecr", "AmazonEC2ContainerRegistry_V20150921." + operation, input);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{operation} failed: {(int)reply.Status} {reply.Body}");
        return reply;
    }

    internal static async Task<AwsReply> EcrError(RunningRegistry registry, TestAccount account, string operation, JsonObject input, string code)
    {
        var reply = await SignedHttp.JsonAsync(registry, account, "ecr", "AmazonEC2ContainerRegistry_V20150921." + operation, input);
        Assert.True(reply.ErrorCode == code, $"{operation}: expected {code}, got {(int)reply.Status} {reply.Body}");
        return reply;
    }
}
