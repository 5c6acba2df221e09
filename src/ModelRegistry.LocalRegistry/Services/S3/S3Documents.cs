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

/// <summary>The S3 documents of the store: buckets in the global scope under their name, objects in
/// their bucket's scope under their key.</summary>
public sealed class S3Documents
{
    private readonly DocumentCollection<S3Bucket> _buckets;
    private readonly DocumentCollection<S3Object> _objects;

    public S3Documents(IDocumentStore store)
    {
        _buckets = new DocumentCollection<S3Bucket>(store, "s3-buckets");
        _objects = new DocumentCollection<S3Object>(store, "s3-objects");
    }

    public S3Bucket? FindBucket(string name) => _buckets.Find(DocumentScope.Global, name);

    public void SaveBucket(S3Bucket bucket) => _buckets.Save(DocumentScope.Global, bucket.Name, bucket);

    public S3Object? FindObject(string bucket, string key) => _objects.Find(bucket, key);

    public void SaveObject(string bucket, S3Object value) => _objects.Save(bucket, value.Key, value);
}
