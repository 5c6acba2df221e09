using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>S3 over the wire with the official AWS SDK for .NET client (path-style).</summary>
public sealed class S3ServiceTests : IClassFixture<LocalRegistryFixture>
{
    private readonly LocalRegistryFixture _fixture;

    public S3ServiceTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    [Fact]
    public async Task Put_then_get_object_round_trips_content_type_metadata_and_etag()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        const string text = "model weights, version 1";

        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "models/v1/model.tar.gz",
            ContentBody = text,
            ContentType = "application/x-gzip",
            Metadata = { ["stage"] = "candidate" },
        });
        using var got = await s3.GetObjectAsync(bucket, "models/v1/model.tar.gz");
        using var reader = new StreamReader(got.ResponseStream);

        var expectedEtag = $"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)))}\"";
        Assert.Equal(expectedEtag, put.ETag);
        Assert.Equal(text, await reader.ReadToEndAsync());
        Assert.Equal(expectedEtag, got.ETag);
        Assert.Equal("application/x-gzip", got.Headers.ContentType);
        Assert.Equal(text.Length, got.ContentLength);
        Assert.Equal("candidate", got.Metadata["stage"]);
    }

    [Fact]
    public async Task Streamed_uploads_with_chunked_signing_and_trailing_checksums_are_decoded()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        var content = RandomNumberGenerator.GetBytes(300_000);

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "artifact.bin",
            InputStream = new MemoryStream(content),
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });
        var head = await s3.GetObjectMetadataAsync(bucket, "artifact.bin");
        using var got = await s3.GetObjectAsync(bucket, "artifact.bin");
        using var buffer = new MemoryStream();
        await got.ResponseStream.CopyToAsync(buffer);

        Assert.Equal(content.Length, head.ContentLength);
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"", head.ETag);
        Assert.Equal(content, buffer.ToArray());
    }

    [Fact]
    public async Task PutObject_verifies_and_echoes_the_crc32_and_refuses_a_mismatch()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        var content = Encoding.UTF8.GetBytes("123456789");

        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "checked",
            InputStream = new MemoryStream(content),
            ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
        });
        var mismatch = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = "refused",
            ContentBody = "123456789",
            ChecksumCRC32 = "AAAAAA==",
        }));
        var notStored = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "refused"));

        Assert.Equal("y/Q5Jg==", put.ChecksumCRC32); // CRC-32 check value of "123456789" is 0xCBF43926.
        Assert.Equal(("BadDigest", HttpStatusCode.BadRequest), (mismatch.ErrorCode, mismatch.StatusCode));
        Assert.Equal("NoSuchKey", notStored.ErrorCode);
    }

    [Fact]
    public async Task A_ranged_get_returns_partial_content()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "alphabet", ContentBody = "0123456789abcdefghij" });

        using var part = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "alphabet", ByteRange = new ByteRange(10, 14) });
        var beyond = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "alphabet", ByteRange = new ByteRange("bytes=20-") }));

        Assert.Equal(HttpStatusCode.PartialContent, part.HttpStatusCode);
        Assert.Equal("bytes 10-14/20", part.ContentRange);
        Assert.Equal("abcde", await new StreamReader(part.ResponseStream).ReadToEndAsync());
        Assert.Equal(("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable), (beyond.ErrorCode, beyond.StatusCode));
    }

    [Fact]
    public async Task Objects_survive_a_restart_on_the_same_data_directory()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("s3-persistence-").FullName;
        try
        {
            string bucket;
            await using (var first = await RunningRegistry.StartAsync(dataDirectory))
            {
                using var s3 = Client(first, TestAccount.Registry);
                bucket = await NewBucketAsync(s3);
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "kept", ContentBody = "durable" });
            }

            await using var second = await RunningRegistry.StartAsync(dataDirectory);
            using var again = Client(second, TestAccount.Registry);
            using var got = await again.GetObjectAsync(bucket, "kept");

            Assert.Equal("durable", await new StreamReader(got.ResponseStream).ReadToEndAsync());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_presigned_url_serves_the_object()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "report.json", ContentBody = "{\"auc\":0.91}" });
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = "report.json",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
        });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        var body = await http.GetStringAsync(url);
        using var tampered = await http.GetAsync(url.Replace("report.json", "other.json", StringComparison.Ordinal));

        Assert.Equal("{\"auc\":0.91}", body);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_keys_and_buckets_are_NoSuchKey_and_NoSuchBucket()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);

        var noKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync(bucket, "absent"));
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = "no-such-bucket-" + Guid.NewGuid().ToString("N")[..8], Key = "k", ContentBody = "x" }));
        var headMissing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, "absent"));

        Assert.Equal(("NoSuchKey", HttpStatusCode.NotFound), (noKey.ErrorCode, noKey.StatusCode));
        Assert.Equal(("NoSuchBucket", HttpStatusCode.NotFound), (noBucket.ErrorCode, noBucket.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, headMissing.StatusCode);
    }

    [Fact]
    public async Task HeadBucket_reports_the_region()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);

        var head = await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket });

        Assert.Equal("us-east-1", head.BucketRegion);
    }

    [Fact]
    public async Task Bucket_names_are_global_across_accounts()
    {
        using var registry = Client(TestAccount.Registry, "us-west-2");
        using var training = Client(TestAccount.Training, "us-west-2");
        var bucket = await NewBucketAsync(registry);

        var taken = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => training.PutBucketAsync(bucket));
        var owned = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => registry.PutBucketAsync(bucket));

        Assert.Equal(("BucketAlreadyExists", HttpStatusCode.Conflict), (taken.ErrorCode, taken.StatusCode));
        Assert.Equal(("BucketAlreadyOwnedByYou", HttpStatusCode.Conflict), (owned.ErrorCode, owned.StatusCode));
    }

    [Fact]
    public async Task Invalid_bucket_names_are_rejected()
    {
        using var s3 = Client(TestAccount.Registry);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync("Not_A_Valid_Bucket"));

        Assert.Equal("InvalidBucketName", error.ErrorCode);
    }

    [Fact]
    public async Task Bucket_policy_is_put_read_and_deleted()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\"," +
            "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";

        // The SDK suppresses S3's 404 for GetBucketPolicy and hands back a response with the status.
        var none = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket });
        await s3.PutBucketPolicyAsync(bucket, policy);
        var stored = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket });
        await s3.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = bucket });
        var deleted = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket });

        Assert.Equal(HttpStatusCode.NotFound, none.HttpStatusCode);
        Assert.Equal(policy, stored.Policy);
        Assert.Equal(HttpStatusCode.NotFound, deleted.HttpStatusCode);
    }

    [Fact]
    public async Task A_malformed_bucket_policy_is_rejected()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketPolicyAsync(bucket, "{\"Statement\": 5}"));

        Assert.Equal(("MalformedPolicy", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
    }

    [Theory]
    [InlineData("outside the bucket", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::another-bucket/*\"}", "invalid resource")]
    [InlineData("not S3 at all", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/x\"}", "invalid resource")]
    [InlineData("unknown action", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:Fly\",\"Resource\":\"BUCKET/*\"}", "invalid action")]
    [InlineData("another service's action", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sagemaker:DescribeModelPackage\",\"Resource\":\"BUCKET/*\"}", "invalid action")]
    [InlineData("another service's actions", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sagemaker:*\",\"Resource\":\"BUCKET/*\"}", "invalid action")]
    [InlineData("wildcard matching nothing", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:Fly*\",\"Resource\":\"BUCKET/*\"}", "invalid action")]
    [InlineData("no Resource", "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}", "Missing required field Resource")]
    [InlineData("no Principal", "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"BUCKET/*\"}", "Missing required field Principal")]
    [InlineData("principal that is no account", "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"not-an-account\"},\"Action\":\"s3:GetObject\",\"Resource\":\"BUCKET/*\"}", "Invalid principal")]
    [InlineData("account id too short", "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::12:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"BUCKET/*\"}", "Invalid principal")]
    public async Task A_bucket_policy_that_S3_would_refuse_is_MalformedPolicy(string why, string statement, string message)
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement.Replace("BUCKET", "arn:aws:s3:::" + bucket) + "]}";

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketPolicyAsync(bucket, policy));

        Assert.True(error.ErrorCode == "MalformedPolicy", $"{why}: {error.ErrorCode} {error.Message}");
        Assert.Contains(message, error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).HttpStatusCode);
    }

    [Fact]
    public async Task A_bucket_policy_over_20_KB_is_refused_and_one_just_under_is_kept()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        string Policy(int objects) => "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},"
            + "\"Action\":[\"s3:GetObject\",\"s3:Get*\",\"S3:listbucket\"],\"Resource\":["
            + string.Join(",", Enumerable.Range(0, objects).Select(i => $"\"arn:aws:s3:::{bucket}/models/{i:D6}/*\""))
            + $",\"arn:aws:s3:::{bucket}\"]}}]}}";
        var large = Policy(900);
        var fits = Policy(300);

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketPolicyAsync(bucket, large));
        await s3.PutBucketPolicyAsync(bucket, fits);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(large) > 20 * 1024 && System.Text.Encoding.UTF8.GetByteCount(fits) < 20 * 1024);
        Assert.Equal("MalformedPolicy", error.ErrorCode);
        Assert.Contains("maximum allowed document size", error.Message);
        Assert.Equal(fits, (await s3.GetBucketPolicyAsync(bucket)).Policy);
    }

    [Fact]
    public async Task GetBucketPolicy_without_a_policy_is_NoSuchBucketPolicy_on_the_wire()
    {
        using var s3 = Client(TestAccount.Registry);
        var bucket = await NewBucketAsync(s3);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Registry.BaseAddress, $"/{bucket}?policy"));

        var reply = await SignedHttp.SendAsync(request, [], TestAccount.Registry, "s3");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("<Code>NoSuchBucketPolicy</Code>", reply.Body);
        Assert.Contains($"<Resource>/{bucket}</Resource>", reply.Body);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch()
    {
        using var s3 = Client(TestAccount.Registry with { SecretAccessKey = "WrongSecretKey000000000000000000000000000" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync("any-bucket-name"));

        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidAccessKeyId()
    {
        using var s3 = Client(TestAccount.Registry with { AccessKeyId = "AKIANOSUCHKEY0000000" });

        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.PutBucketAsync("any-bucket-name"));

        Assert.Equal(("InvalidAccessKeyId", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
    }

    internal static async Task<string> NewBucketAsync(IAmazonS3 s3)
    {
        var bucket = "bucket-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    internal static AmazonS3Client Client(RunningRegistry registry, TestAccount account, string region = "us-east-1") =>
        new(new BasicAWSCredentials(account.AccessKeyId, account.SecretAccessKey), new AmazonS3Config
        {
            ServiceURL = registry.BaseAddress.ToString(),
            AuthenticationRegion = region,
            ForcePathStyle = true,
            MaxErrorRetry = 0,
        });

    private AmazonS3Client Client(TestAccount account, string region = "us-east-1") => Client(_fixture.Registry, account, region);
}
