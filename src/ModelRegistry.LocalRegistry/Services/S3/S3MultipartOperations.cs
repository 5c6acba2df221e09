using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>Multipart uploads: CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload
/// and ListParts, as the AWS CLI (<c>aws s3 cp</c> above 8 MB) and the SDKs' upload helpers drive them. The
/// completed object's ETag is S3's: the MD5 of the parts' binary MD5s, then "-" and the part count.</summary>
internal sealed class S3MultipartOperations
{
    /// <summary>Every part but the last must be at least 5 MiB, as in S3.</summary>
    public const int MinPartBytes = 5 * 1024 * 1024;
    private const int MaxPartNumber = 10_000;
    private const int MaxListedParts = 1000;

    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private readonly S3Documents _documents;
    private readonly ResourceAuthorizer _authorizer;
    private readonly TimeProvider _time;

    public S3MultipartOperations(S3Documents documents, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _documents = documents;
        _authorizer = authorizer;
        _time = time;
    }

    public Task CreateAsync(AwsCall call, string bucketName, string key)
    {
        Authorize(call, bucketName, key, "s3:PutObject");
        var request = call.Http.Request;
        var upload = new S3MultipartUpload(LowerHex.Of(RandomNumberGenerator.GetBytes(24)), key, _time.GetUtcNow(),
            S3ObjectOperations.ContentTypeOf(request), S3ObjectOperations.MetadataOf(request));
        _documents.SaveUpload(bucketName, upload);
        return WriteXmlAsync(call.Http, new XElement(S3Namespace + "InitiateMultipartUploadResult",
            new XElement(S3Namespace + "Bucket", bucketName),
            new XElement(S3Namespace + "Key", key),
            new XElement(S3Namespace + "UploadId", upload.UploadId)));
    }

    public Task UploadPartAsync(AwsCall call, string bucketName, string key, string uploadId)
    {
        Authorize(call, bucketName, key, "s3:PutObject");
        var partNumber = PartNumber(call.Http.Request);
        RequireUpload(bucketName, key, uploadId);
        var body = S3ObjectOperations.ReadUploadedBody(call.Http.Request, call.Body);
        var part = new S3UploadPart(partNumber, Convert.ToBase64String(body.Content), $"\"{LowerHex.Of(body.Md5)}\"",
            body.Content.Length, S3ObjectOperations.TruncateToSeconds(_time.GetUtcNow()));
        _documents.SavePart(bucketName, uploadId, part);
        call.Http.Response.Headers.ETag = part.ETag;
        if (body.Checksum is { } checksum)
        {
            call.Http.Response.Headers[checksum.HeaderName] = checksum.Value;
        }

        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status200OK);
    }

    public Task CompleteAsync(AwsCall call, string bucketName, string key, string uploadId)
    {
        Authorize(call, bucketName, key, "s3:PutObject");
        var upload = RequireUpload(bucketName, key, uploadId);
        var uploaded = _documents.ListParts(bucketName, uploadId).ToDictionary(p => p.PartNumber);
        var chosen = ChosenParts(call.Body)
            .Select(p => uploaded.TryGetValue(p.PartNumber, out var part) && NormalizeETag(p.ETag) == part.ETag ? part : throw InvalidPart())
            .ToList();
        if (chosen.Take(chosen.Count - 1).Any(p => p.Size < MinPartBytes))
        {
            throw new AwsServiceError("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.");
        }

        if (chosen.Sum(p => p.Size) > S3ObjectOperations.MaxObjectBytes)
        {
            throw new AwsServiceError("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
        }

        var content = chosen.SelectMany(p => Convert.FromBase64String(p.ContentBase64)).ToArray();
        var md5OfMd5s = MD5.HashData(chosen.SelectMany(p => Convert.FromHexString(p.ETag.Trim('"'))).ToArray());
        var completed = new S3Object(key, Convert.ToBase64String(content), upload.ContentType,
            $"\"{LowerHex.Of(md5OfMd5s)}-{chosen.Count}\"", S3ObjectOperations.TruncateToSeconds(_time.GetUtcNow()),
            upload.Metadata, Checksum: null);
        _documents.EndUpload(bucketName, uploadId, uploaded.Values, completed);
        var location = $"{call.Http.Request.Scheme}://{call.Http.Request.Host}/{Uri.EscapeDataString(bucketName)}/{Uri.EscapeDataString(key)}";
        return WriteXmlAsync(call.Http, new XElement(S3Namespace + "CompleteMultipartUploadResult",
            new XElement(S3Namespace + "Location", location),
            new XElement(S3Namespace + "Bucket", bucketName),
            new XElement(S3Namespace + "Key", key),
            new XElement(S3Namespace + "ETag", completed.ETag)));
    }

    public Task AbortAsync(AwsCall call, string bucketName, string key, string uploadId)
    {
        Authorize(call, bucketName, key, "s3:AbortMultipartUpload");
        RequireUpload(bucketName, key, uploadId);
        _documents.EndUpload(bucketName, uploadId, _documents.ListParts(bucketName, uploadId), completed: null);
        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status204NoContent);
    }

    /// <summary>The first 1,000 parts (the local registry does not page parts: uploads here are small).</summary>
    public Task ListPartsAsync(AwsCall call, string bucketName, string key, string uploadId)
    {
        Authorize(call, bucketName, key, "s3:ListMultipartUploadParts");
        RequireUpload(bucketName, key, uploadId);
        var parts = _documents.ListParts(bucketName, uploadId);
        return WriteXmlAsync(call.Http, new XElement(S3Namespace + "ListPartsResult",
            new XElement(S3Namespace + "Bucket", bucketName),
            new XElement(S3Namespace + "Key", key),
            new XElement(S3Namespace + "UploadId", uploadId),
            new XElement(S3Namespace + "PartNumberMarker", 0),
            new XElement(S3Namespace + "NextPartNumberMarker", parts.Count == 0 ? 0 : parts[^1].PartNumber),
            new XElement(S3Namespace + "MaxParts", MaxListedParts),
            new XElement(S3Namespace + "IsTruncated", "false"),
            parts.Take(MaxListedParts).Select(p => new XElement(S3Namespace + "Part",
                new XElement(S3Namespace + "PartNumber", p.PartNumber),
                new XElement(S3Namespace + "LastModified", p.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                new XElement(S3Namespace + "ETag", p.ETag),
                new XElement(S3Namespace + "Size", p.Size))),
            new XElement(S3Namespace + "StorageClass", "STANDARD")));
    }

    private void Authorize(AwsCall call, string bucketName, string key, string action)
    {
        var bucket = _documents.RequireBucket(bucketName);
        _authorizer.Authorize(call.Caller, bucket.OwnerAccountId, action, S3ObjectOperations.ObjectArn(bucketName, key), bucket.Policy);
    }

    private S3MultipartUpload RequireUpload(string bucketName, string key, string uploadId) =>
        _documents.FindUpload(bucketName, uploadId) is { } upload && upload.Key == key
            ? upload
            : throw new AwsServiceError("NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404);

    private static int PartNumber(HttpRequest request) =>
        int.TryParse(request.Query["partNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxPartNumber
            ? number
            : throw new AwsServiceError("InvalidArgument", $"Part number must be an integer between 1 and {MaxPartNumber}, inclusive");

    /// <summary>The parts a CompleteMultipartUpload body names, which must be in ascending order of number.</summary>
    private static List<(int PartNumber, string ETag)> ChosenParts(byte[] body)
    {
        List<(int PartNumber, string ETag)> parts;
        try
        {
            var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Root;
            parts = (root?.Name.LocalName == "CompleteMultipartUpload" ? root.Elements() : [])
                .Where(e => e.Name.LocalName == "Part")
                .Select(e => (
                    int.Parse(e.Elements().Single(c => c.Name.LocalName == "PartNumber").Value, NumberStyles.None, CultureInfo.InvariantCulture),
                    e.Elements().Single(c => c.Name.LocalName == "ETag").Value))
                .ToList();
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException or InvalidOperationException)
        {
            throw S3BucketOperations.MalformedXml();
        }

        if (parts.Count == 0)
        {
            throw S3BucketOperations.MalformedXml();
        }

        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
            {
                throw new AwsServiceError("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }

        return parts;
    }

    /// <summary>Clients send part ETags with or without their quotes.</summary>
    private static string NormalizeETag(string etag) => $"\"{etag.Trim().Trim('"')}\"";

    private static AwsServiceError InvalidPart() => new("InvalidPart",
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");

    private static async Task WriteXmlAsync(HttpContext http, XElement result)
    {
        RestXmlProtocol.StampRequestId(http);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/xml";
        await http.Response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + result.ToString(SaveOptions.DisableFormatting), http.RequestAborted);
    }
}
