using System.Text.Json;
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

/// <summary>Reads and writes the S3 documents of the store.</summary>
public sealed class S3Documents
{
    private const string BucketCollection = "s3-buckets";
    private const string ObjectCollection = "s3-objects";
    private const string GlobalScope = "global";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IDocumentStore _store;

    public S3Documents(IDocumentStore store)
    {
        _store = store;
    }

    public S3Bucket? FindBucket(string name) => Read<S3Bucket>(_store.Get(BucketCollection, GlobalScope, name));

    public void SaveBucket(S3Bucket bucket) =>
        _store.Commit([new DocumentWrite(BucketCollection, GlobalScope, bucket.Name, JsonSerializer.Serialize(bucket, Json))]);

    public S3Object? FindObject(string bucket, string key) => Read<S3Object>(_store.Get(ObjectCollection, bucket, key));

    public void SaveObject(string bucket, S3Object value) =>
        _store.Commit([new DocumentWrite(ObjectCollection, bucket, value.Key, JsonSerializer.Serialize(value, Json))]);

    private static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Json);
}
