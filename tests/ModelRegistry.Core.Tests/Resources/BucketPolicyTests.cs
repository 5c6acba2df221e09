using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>A bucket's policy through AWSSDK.S3 against <see cref="CannedJsonServer"/>: what is read, what
/// counts as no policy, which error a failure is, what is written and deleted.</summary>
public sealed class BucketPolicyTests : IDisposable
{
    private const string Bucket = "training-artifacts";
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::training-artifacts/*"}]}""";

    private readonly CannedJsonServer _server = new();
    private readonly AmazonS3Client _s3;
    private readonly BucketPolicy _bucket;

    public BucketPolicyTests()
    {
        _s3 = AwsClientFactory.CreateS3Client(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222"), RegionEndpoint.USEast1, _server.Url));
        _bucket = new BucketPolicy(_s3, "222222222222", Bucket);
    }

    public void Dispose()
    {
        _s3.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task The_policy_is_read_from_the_bucket_s_policy_sub_resource()
    {
        _server.Reply(200, Policy);

        var read = await _bucket.ReadAsync(CancellationToken.None);

        Assert.True(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(Policy), read!));
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("GET", "/training-artifacts/", "?policy"), (request.Method, request.Path, request.Query));
        Assert.Equal((ResourceKind.BucketPolicy, "222222222222", "arn:aws:s3:::training-artifacts"), (_bucket.Kind, _bucket.AccountId, _bucket.Target));
    }

    [Theory]
    [InlineData(404, "<Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message></Error>")]
    [InlineData(200, "")]
    public async Task NoSuchBucketPolicy_or_an_empty_answer_is_no_policy(int status, string body)
    {
        _server.Reply(status, body);

        Assert.Null(await _bucket.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_404_for_a_missing_bucket_is_its_S3_error_not_an_empty_policy()
    {
        // AWSSDK.S3 hands the error document back as the policy text; it must still be an error.
        _server.Reply(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>training-artifacts</BucketName></Error>");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => _bucket.ReadAsync(CancellationToken.None));

        Assert.Equal(("NoSuchBucket", "The specified bucket does not exist", System.Net.HttpStatusCode.NotFound), (error.ErrorCode, error.Message, error.StatusCode));
    }

    [Fact]
    public async Task A_404_without_an_S3_error_document_is_named_by_its_status()
    {
        _server.Reply(404, "Not Found");

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => _bucket.ReadAsync(CancellationToken.None));

        Assert.Equal(("NotFound", "GetBucketPolicy answered HTTP 404."), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Writing_puts_the_whole_policy_and_writing_none_deletes_it()
    {
        _server.Reply(204, string.Empty);
        _server.Reply(204, string.Empty);
        var policy = PolicyDocument.Parse(Policy);

        await _bucket.WriteAsync(null, policy, CancellationToken.None);
        await _bucket.WriteAsync(policy, null, CancellationToken.None);

        var requests = _server.Requests.ToArray();
        Assert.Equal(("PUT", "/training-artifacts/", "?policy"), (requests[0].Method, requests[0].Path, requests[0].Query));
        Assert.Equal(policy.ToJson(), requests[0].Body);
        Assert.Equal(("DELETE", "/training-artifacts/", "?policy"), (requests[1].Method, requests[1].Path, requests[1].Query));
    }
}
