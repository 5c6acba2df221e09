using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>A bucket: names are global across accounts, so buckets live in one "global" scope.</summary>
public sealed record S3Bucket(string Name, string OwnerAccountId, string Region, DateTimeOffset CreationDate, string? Policy);

/// <summary>An object. The bytes are kept base64-encoded in the document: fine for the modest
/// artifacts of a local emulator, not for large data (PutObject caps the size).</summary>
public sealed record S3Object(
    string Key, string ContentBase64, string ContentType, string ETag, DateTimeOffset LastModified,
    IReadOnlyDictionary<string, string> Metadata,
    S3Checksum? Checksum);

/// <summary>A multipart upload in progress: what CreateMultipartUpload said about the object to be.</summary>
public sealed record S3MultipartUpload(
    string UploadId, string Key, DateTimeOffset Initiated, string ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>One uploaded part of a multipart upload (a part uploaded again under its number replaces it).</summary>
public sealed record S3UploadPart(int PartNumber, string ContentBase64, string ETag, long Size, DateTimeOffset LastModified);

/// <summary>The S3 documents of the store: buckets in the global scope under their name, objects in
/// their bucket's scope under their key, uploads in their bucket's scope under their id, and parts in
/// their upload's scope ("bucket/uploadId") under their zero-padded number, so they list in order.</summary>
public sealed class S3Documents
{
    private readonly IDocumentStore _store;
    private readonly DocumentCollection<S3Bucket> _buckets;
    private readonly DocumentCollection<S3Object> _objects;
    private readonly DocumentCollection<S3MultipartUpload> _uploads;
    private readonly DocumentCollection<S3UploadPart> _parts;

    public S3Documents(IDocumentStore store)
    {
        _store = store;
        _buckets = new DocumentCollection<S3Bucket>(store, "s3-buckets");
        _objects = new DocumentCollection<S3Object>(store, "s3-objects");
        _uploads = new DocumentCollection<S3MultipartUpload>(store, "s3-multipart-uploads");
        _parts = new DocumentCollection<S3UploadPart>(store, "s3-multipart-parts");
    }

    public S3Bucket? FindBucket(string name) => _buckets.Find(DocumentScope.Global, name);

    public S3Bucket RequireBucket(string name) =>
        FindBucket(name) ?? throw new AwsServiceError("NoSuchBucket", "The specified bucket does not exist", 404);

    public void SaveBucket(S3Bucket bucket) => _buckets.Save(DocumentScope.Global, bucket.Name, bucket);

    public S3Object? FindObject(string bucket, string key) => _objects.Find(bucket, key);

    public void SaveObject(string bucket, S3Object value) => _objects.Save(bucket, value.Key, value);

    public S3MultipartUpload? FindUpload(string bucket, string uploadId) => _uploads.Find(bucket, uploadId);

    public void SaveUpload(string bucket, S3MultipartUpload upload) => _uploads.Save(bucket, upload.UploadId, upload);

    public IReadOnlyList<S3UploadPart> ListParts(string bucket, string uploadId) => _parts.List(PartScope(bucket, uploadId));

    public void SavePart(string bucket, string uploadId, S3UploadPart part) =>
        _parts.Save(PartScope(bucket, uploadId), PartKey(part.PartNumber), part);

    /// <summary>Ends an upload in one commit: its parts and record go, and the completed object (if any) appears.</summary>
    public void EndUpload(string bucket, string uploadId, IEnumerable<S3UploadPart> parts, S3Object? completed)
    {
        var writes = parts.Select(p => _parts.Delete(PartScope(bucket, uploadId), PartKey(p.PartNumber))).ToList();
        writes.Add(_uploads.Delete(bucket, uploadId));
        if (completed is not null)
        {
            writes.Add(_objects.Write(bucket, completed.Key, completed));
        }

        _store.Commit(writes);
    }

    private static string PartScope(string bucket, string uploadId) => bucket + "/" + uploadId;

    private static string PartKey(int partNumber) => partNumber.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
}
