using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>S3 multipart uploads with the official AWS SDK for .NET: the calls one by one, the SDK's own
/// TransferUtility, S3's refusals, and uploads that outlive a restart of a persistent registry.</summary>
public sealed class S3MultipartUploadTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>, IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TemporaryDataDirectory _data = new("mr-multipart-");

    public void Dispose() => _data.Dispose();

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<UploadPartResponse> UploadPartAsync(IAmazonS3 s3, string bucket, string key, string uploadId, int number, byte[] part) =>
        await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            InputStream = new MemoryStream(part),
        });

    /// <summary>S3's multipart ETag: the MD5 of the concatenated binary MD5s of the parts, a dash, the part count.</summary>
    private static string MultipartETag(params byte[][] parts) =>
        $"\"{Convert.ToHexStringLower(MD5.HashData(parts.SelectMany(MD5.HashData).ToArray()))}-{parts.Length}\"";

    [Fact]
    public async Task A_multipart_upload_completes_into_one_object_with_S3s_etag_size_type_and_metadata()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        const string key = "models/churn/v7/model.tar.gz";
        byte[][] parts = [Content(5 * MiB, 1), Content(5 * MiB, 2), Content(123_457, 3)];

        var created = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = "application/x-gzip",
            Metadata = { ["stage"] = "candidate" },
        });
        var uploaded = new List<UploadPartResponse>();
        for (var i = 0; i < parts.Length; i++)
        {
            uploaded.Add(await UploadPartAsync(s3, bucket, key, created.UploadId, i + 1, parts[i]));
        }

        var listed = await s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = created.UploadId });
        var completed = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = created.UploadId,
            PartETags = uploaded.Select((p, i) => new PartETag(i + 1, p.ETag)).ToList(),
        });
        var head = await s3.GetObjectMetadataAsync(bucket, key);
        using var got = await s3.GetObjectAsync(bucket, key);
        using var content = new MemoryStream();
        await got.ResponseStream.CopyToAsync(content);

        Assert.Equal((bucket, key), (created.BucketName, created.Key));
        Assert.Equal(parts.Select(p => $"\"{Convert.ToHexStringLower(MD5.HashData(p))}\""), uploaded.Select(p => p.ETag));
        Assert.Equal(new[] { (1, 5L * MiB), (2, 5L * MiB), (3, 123_457L) }, listed.Parts.Select(p => (p.PartNumber!.Value, p.Size!.Value)));
        Assert.Equal(MultipartETag(parts), completed.ETag);
        Assert.Equal(MultipartETag(parts), head.ETag);
        Assert.Equal(parts.Sum(p => p.Length), head.ContentLength);
        Assert.Equal("application/x-gzip", head.Headers.ContentType);
        Assert.Equal("candidate", head.Metadata["stage"]);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), content.ToArray());
        var gone = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = created.UploadId }));
        Assert.Equal(("NoSuchUpload", HttpStatusCode.NotFound), (gone.ErrorCode, gone.StatusCode));
    }

    [Fact]
    public async Task The_sdks_transfer_utility_uploads_ten_megabytes_in_parts()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        var file = Content(10 * MiB, 4);
        using var transfer = new TransferUtility(s3, new TransferUtilityConfig { MinSizeBeforePartUpload = 8 * MiB });

        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = bucket,
            Key = "artifact.bin",
            InputStream = new MemoryStream(file),
            PartSize = 5 * MiB,
        });
        var head = await s3.GetObjectMetadataAsync(bucket, "artifact.bin");
        using var got = await s3.GetObjectAsync(bucket, "artifact.bin");
        using var content = new MemoryStream();
        await got.ResponseStream.CopyToAsync(content);

        Assert.Equal(MultipartETag(file[..(5 * MiB)], file[(5 * MiB)..]), head.ETag);
        Assert.Equal(file.Length, head.ContentLength);
        Assert.Equal(file, content.ToArray());
    }

    [Fact]
    public async Task Completion_is_refused_as_S3_refuses_it_and_the_upload_stays_open()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        var upload = (await s3.InitiateMultipartUploadAsync(bucket, "model.bin")).UploadId;
        var small = await UploadPartAsync(s3, bucket, "model.bin", upload, 1, Content(1 * MiB, 5));
        var last = await UploadPartAsync(s3, bucket, "model.bin", upload, 2, Content(1 * MiB, 6));

        async Task<string> RefusalAsync(params PartETag[] parts) => (await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "model.bin", UploadId = upload, PartETags = [.. parts] }))).ErrorCode;

        Assert.Equal("EntityTooSmall", await RefusalAsync(new PartETag(1, small.ETag), new PartETag(2, last.ETag)));
        Assert.Equal("InvalidPart", await RefusalAsync(new PartETag(1, last.ETag)));
        Assert.Equal("InvalidPart", await RefusalAsync(new PartETag(3, last.ETag)));
        // The SDK sorts the parts it sends; a hand-written body need not.
        using var unordered = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.Registry.BaseAddress, $"/{bucket}/model.bin?uploadId={upload}"));
        var unorderedReply = await SignedHttp.SendAsync(unordered, System.Text.Encoding.UTF8.GetBytes(
            $"<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>{last.ETag}</ETag></Part><Part><PartNumber>1</PartNumber><ETag>{small.ETag}</ETag></Part></CompleteMultipartUpload>"),
            TestAccount.Registry, "s3", "application/xml");
        Assert.Equal(HttpStatusCode.BadRequest, unorderedReply.Status);
        Assert.Contains("<Code>InvalidPartOrder</Code>", unorderedReply.Body);
        var wrongNumber = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => UploadPartAsync(s3, bucket, "model.bin", upload, 10_001, [1]));
        Assert.Equal("InvalidArgument", wrongNumber.ErrorCode);

        // A single part may be small: it is the last one.
        var completed = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "model.bin",
            UploadId = upload,
            PartETags = [new PartETag(2, last.ETag)],
        });
        Assert.Equal(MultipartETag(Content(1 * MiB, 6)), completed.ETag);
    }

    [Fact]
    public async Task Completing_more_than_64_MiB_is_EntityTooLarge_and_the_upload_stays_open()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        var upload = (await s3.InitiateMultipartUploadAsync(bucket, "huge.bin")).UploadId;
        var part = Content(5 * MiB, 7);
        var etags = new List<PartETag>();
        for (var number = 1; number <= 13; number++)
        {
            etags.Add(new PartETag(number, (await UploadPartAsync(s3, bucket, "huge.bin", upload, number, part)).ETag));
        }

        var tooLarge = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = bucket, Key = "huge.bin", UploadId = upload, PartETags = etags }));
        var within = await s3.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = bucket, Key = "huge.bin", UploadId = upload, PartETags = etags[..12] });

        Assert.Equal("EntityTooLarge", tooLarge.ErrorCode);
        Assert.Equal(60L * MiB, (await s3.GetObjectMetadataAsync(bucket, "huge.bin")).ContentLength);
        Assert.EndsWith("-12\"", within.ETag);
    }

    [Fact]
    public async Task ListParts_lists_the_first_1000_parts_in_one_answer()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        var upload = (await s3.InitiateMultipartUploadAsync(bucket, "many.bin")).UploadId;
        for (var number = 1; number <= 1001; number++)
        {
            await UploadPartAsync(s3, bucket, "many.bin", upload, number, [(byte)number]);
        }

        var listed = await s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "many.bin", UploadId = upload });

        Assert.Equal(Enumerable.Range(1, 1000), listed.Parts.Select(p => p.PartNumber ?? 0));
        Assert.False(listed.IsTruncated ?? false);
    }

    [Fact]
    public async Task An_aborted_upload_is_gone_and_leaves_no_object()
    {
        using var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        var bucket = await S3ServiceTests.NewBucketAsync(s3);
        var upload = (await s3.InitiateMultipartUploadAsync(bucket, "dropped.bin")).UploadId;
        await UploadPartAsync(s3, bucket, "dropped.bin", upload, 1, Content(1000, 7));

        await s3.AbortMultipartUploadAsync(bucket, "dropped.bin", upload);

        var again = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => UploadPartAsync(s3, bucket, "dropped.bin", upload, 2, [1]));
        var noObject = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectMetadataAsync(bucket, "dropped.bin"));
        var otherKey = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.AbortMultipartUploadAsync(bucket, "other.bin", upload));
        Assert.Equal("NoSuchUpload", again.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, noObject.StatusCode);
        Assert.Equal("NoSuchUpload", otherKey.ErrorCode);
    }

    [Fact]
    public async Task Another_account_needs_the_bucket_policy_to_upload_in_parts()
    {
        using var owner = S3ServiceTests.Client(registry.Registry, TestAccount.Registry);
        using var training = S3ServiceTests.Client(registry.Registry, TestAccount.Training);
        var bucket = await S3ServiceTests.NewBucketAsync(owner);

        var denied = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => training.InitiateMultipartUploadAsync(bucket, "x.bin"));

        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));
    }

    [Fact]
    public async Task Parts_are_kept_in_the_data_folder_across_a_restart()
    {
        string bucket, upload;
        UploadPartResponse first;
        await using (var before = await RunningRegistry.StartAsync(_data.Path))
        {
            using var s3 = S3ServiceTests.Client(before, TestAccount.Registry);
            bucket = await S3ServiceTests.NewBucketAsync(s3);
            upload = (await s3.InitiateMultipartUploadAsync(bucket, "resumed.bin")).UploadId;
            first = await UploadPartAsync(s3, bucket, "resumed.bin", upload, 1, Content(5 * MiB, 8));
        }

        await using var after = await RunningRegistry.StartAsync(_data.Path);
        using var resumed = S3ServiceTests.Client(after, TestAccount.Registry);
        var second = await UploadPartAsync(resumed, bucket, "resumed.bin", upload, 2, Content(10, 9));
        var completed = await resumed.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "resumed.bin",
            UploadId = upload,
            PartETags = [new PartETag(1, first.ETag), new PartETag(2, second.ETag)],
        });

        Assert.Equal(MultipartETag(Content(5 * MiB, 8), Content(10, 9)), completed.ETag);
        Assert.Equal(5 * MiB + 10, (await resumed.GetObjectMetadataAsync(bucket, "resumed.bin")).ContentLength);
    }
}
