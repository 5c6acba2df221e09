using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>A decoded upload body: its bytes, their MD5 and the flexible checksum it was sent with.</summary>
internal sealed record UploadedBody(byte[] Content, byte[] Md5, S3Checksum? Checksum);

/// <summary>PutObject, GetObject and HeadObject.</summary>
internal sealed class S3ObjectOperations
{
    /// <summary>Objects live base64-encoded in JSON documents, so the local registry keeps them small.</summary>
    public const int MaxObjectBytes = 64 * 1024 * 1024;
    private const string MetadataPrefix = "x-amz-meta-";
    private const string DefaultContentType = "binary/octet-stream";

    private readonly S3Documents _documents;
    private readonly ResourceAuthorizer _authorizer;
    private readonly TimeProvider _time;

    public S3ObjectOperations(S3Documents documents, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _documents = documents;
        _authorizer = authorizer;
        _time = time;
    }

    public Task PutAsync(AwsCall call, string bucketName, string key)
    {
        var bucket = RequireBucket(bucketName);
        _authorizer.Authorize(call.Caller, bucket.OwnerAccountId, "s3:PutObject", ObjectArn(bucketName, key), bucket.Policy);
        var request = call.Http.Request;
        var upload = ReadUploadedBody(request, call.Body);
        var stored = new S3Object(key, Convert.ToBase64String(upload.Content), ContentTypeOf(request),
            $"\"{LowerHex.Of(upload.Md5)}\"", TruncateToSeconds(_time.GetUtcNow()), MetadataOf(request), upload.Checksum);
        _documents.SaveObject(bucketName, stored);
        call.Http.Response.Headers.ETag = stored.ETag;
        if (upload.Checksum is { } checksum)
        {
            call.Http.Response.Headers[checksum.HeaderName] = checksum.Value;
        }

        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status200OK);
    }

    /// <summary>The bytes of a PutObject or UploadPart body (aws-chunked decoded) with their MD5, after the
    /// checks S3 makes: declared decoded length, size limit, Content-MD5 and flexible checksum.</summary>
    internal static UploadedBody ReadUploadedBody(HttpRequest request, byte[] body)
    {
        var chunked = ChunkedPayloadOf(request, body);
        var content = chunked?.DecodedContent() ?? body;
        CheckDecodedLength(request, chunked, content);
        if (content.Length > MaxObjectBytes)
        {
            throw new AwsServiceError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
        }

        var md5 = MD5.HashData(content);
        CheckContentMd5(request, md5);
        return new UploadedBody(content, md5, S3Checksum.VerifyUpload(request, chunked, content));
    }

    /// <summary>User metadata from <c>x-amz-meta-*</c> headers, names in lower case as S3 keeps them.</summary>
    internal static IReadOnlyDictionary<string, string> MetadataOf(HttpRequest request) => request.Headers
        .Where(h => h.Key.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
        .ToDictionary(h => h.Key[MetadataPrefix.Length..].ToLowerInvariant(), h => h.Value.ToString());

    internal static string ContentTypeOf(HttpRequest request) =>
        request.Headers.ContentType.ToString() is { Length: > 0 } contentType ? contentType : DefaultContentType;

    public async Task GetAsync(AwsCall call, string bucketName, string key, CancellationToken cancellationToken)
    {
        var stored = RequireReadableObject(call, bucketName, key);
        var content = Convert.FromBase64String(stored.ContentBase64);
        var response = call.Http.Response;
        var range = S3ByteRange.Parse(call.Http.Request.Headers.Range.ToString(), content.Length);
        WriteObjectHeaders(call.Http, stored, range?.Length ?? content.Length, includeChecksum: range is null);
        RestXmlProtocol.StampRequestId(call.Http);
        if (range is { } part)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {part.First}-{part.Last}/{content.Length}";
            await response.Body.WriteAsync(content.AsMemory((int)part.First, (int)part.Length), cancellationToken);
            return;
        }

        await response.Body.WriteAsync(content, cancellationToken);
    }

    public Task HeadAsync(AwsCall call, string bucketName, string key)
    {
        var stored = RequireReadableObject(call, bucketName, key);
        WriteObjectHeaders(call.Http, stored, Convert.FromBase64String(stored.ContentBase64).Length, includeChecksum: true);
        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status200OK);
    }

    /// <summary>The parsed aws-chunked body (streaming SigV4, trailing checksums); null for a plain body.</summary>
    private static AwsChunkedPayload? ChunkedPayloadOf(HttpRequest request, byte[] body)
    {
        if (!AwsChunkedPayload.IsChunked(request.Headers.ContentEncoding, request.Headers["X-Amz-Content-SHA256"]))
        {
            return null;
        }

        try
        {
            return AwsChunkedPayload.Parse(body);
        }
        catch (FormatException e)
        {
            throw AuthenticationErrors.MalformedChunkedBody(e.Message);
        }
    }

    private static void CheckDecodedLength(HttpRequest request, AwsChunkedPayload? chunked, byte[] content)
    {
        var declared = request.Headers["X-Amz-Decoded-Content-Length"].ToString();
        if (chunked is not null && declared.Length > 0 && declared != content.Length.ToString(CultureInfo.InvariantCulture))
        {
            throw new AwsServiceError("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
    }

    private static void CheckContentMd5(HttpRequest request, byte[] md5)
    {
        var declared = request.Headers.ContentMD5.ToString();
        if (declared.Length == 0)
        {
            return;
        }

        Span<byte> expected = stackalloc byte[16];
        if (!Convert.TryFromBase64String(declared, expected, out var written) || written != 16)
        {
            throw new AwsServiceError("InvalidDigest", "The Content-MD5 you specified was invalid.");
        }

        if (!expected.SequenceEqual(md5))
        {
            throw new AwsServiceError("BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
    }

    private S3Object RequireReadableObject(AwsCall call, string bucketName, string key)
    {
        var bucket = RequireBucket(bucketName);
        _authorizer.Authorize(call.Caller, bucket.OwnerAccountId, "s3:GetObject", ObjectArn(bucketName, key), bucket.Policy);
        return _documents.FindObject(bucketName, key)
            ?? throw new AwsServiceError("NoSuchKey", "The specified key does not exist.", 404);
    }

    /// <summary>Object headers; the stored checksum only when the caller asks (<c>x-amz-checksum-mode: ENABLED</c>)
    /// for the whole object, as S3 does.</summary>
    private static void WriteObjectHeaders(HttpContext http, S3Object stored, long length, bool includeChecksum)
    {
        var response = http.Response;
        if (includeChecksum && stored.Checksum is { } checksum
            && string.Equals(http.Request.Headers["x-amz-checksum-mode"], "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers[checksum.HeaderName] = checksum.Value;
            response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = stored.ContentType;
        response.ContentLength = length;
        response.Headers.ETag = stored.ETag;
        response.Headers.LastModified = stored.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        foreach (var (name, value) in stored.Metadata)
        {
            response.Headers[MetadataPrefix + name] = value;
        }
    }

    private S3Bucket RequireBucket(string name) => _documents.RequireBucket(name);

    internal static string ObjectArn(string bucket, string key) => $"arn:aws:s3:::{bucket}/{key}";

    internal static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);
}
