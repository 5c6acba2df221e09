using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>Amazon S3 (REST-XML, path-style addressing: <c>/{bucket}/{key}</c>): buckets, bucket
/// policies, objects and multipart uploads. Routes a call to its operation and renders S3's XML errors.</summary>
public sealed class S3Service : IAwsService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly ServiceModel _model = ServiceModel.Load("s3");
    private readonly S3BucketOperations _buckets;
    private readonly S3ObjectOperations _objects;
    private readonly S3MultipartOperations _multipart;

    public S3Service(S3Documents documents, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _buckets = new S3BucketOperations(documents, authorizer, time);
        _objects = new S3ObjectOperations(documents, authorizer, time);
        _multipart = new S3MultipartOperations(documents, authorizer, time);
    }

    public string SigningName => "s3";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var (bucket, key) = ParsePath(call.Http.Request);
        var method = call.Http.Request.Method;
        var query = call.Http.Request.Query;
        var subresource = Subresource(query);
        if (bucket is null || subresource is null || call.Http.Request.Headers.ContainsKey("x-amz-copy-source"))
        {
            throw NotImplemented();
        }

        call.Operation = (key, subresource, method) switch
        {
            (null, "policy", "PUT") => "PutBucketPolicy",
            (null, "policy", "GET") => "GetBucketPolicy",
            (null, "policy", "DELETE") => "DeleteBucketPolicy",
            (null, "", "PUT") => "CreateBucket",
            (null, "", "HEAD") => "HeadBucket",
            (not null, "", "PUT") => "PutObject",
            (not null, "", "GET") => "GetObject",
            (not null, "", "HEAD") => "HeadObject",
            (not null, "uploads", "POST") => "CreateMultipartUpload",
            (not null, "uploadId", "PUT") when query.ContainsKey("partNumber") => "UploadPart",
            (not null, "uploadId", "POST") => "CompleteMultipartUpload",
            (not null, "uploadId", "DELETE") => "AbortMultipartUpload",
            (not null, "uploadId", "GET") => "ListParts",
            _ => throw NotImplemented(),
        };

        // The trimmed model has the single-request operations; multipart inputs are checked where they are read.
        if (_model.HasOperation(call.Operation))
        {
            Validate(call.Operation, BindInput(call.Http.Request, bucket, key, subresource == "policy" ? call.Body : null));
        }

        var uploadId = query["uploadId"].ToString();
        return call.Operation switch
        {
            "PutBucketPolicy" => SerializedAsync(() => _buckets.PutPolicyAsync(call, bucket), cancellationToken),
            "DeleteBucketPolicy" => SerializedAsync(() => _buckets.DeletePolicyAsync(call, bucket), cancellationToken),
            "CreateBucket" => SerializedAsync(() => _buckets.CreateAsync(call, bucket), cancellationToken),
            "PutObject" => SerializedAsync(() => _objects.PutAsync(call, bucket, key!), cancellationToken),
            "CreateMultipartUpload" => SerializedAsync(() => _multipart.CreateAsync(call, bucket, key!), cancellationToken),
            "UploadPart" => SerializedAsync(() => _multipart.UploadPartAsync(call, bucket, key!, uploadId), cancellationToken),
            "CompleteMultipartUpload" => SerializedAsync(() => _multipart.CompleteAsync(call, bucket, key!, uploadId), cancellationToken),
            "AbortMultipartUpload" => SerializedAsync(() => _multipart.AbortAsync(call, bucket, key!, uploadId), cancellationToken),
            // Reads take no lock: a slow reader of a large object must not hold up everyone else.
            "ListParts" => _multipart.ListPartsAsync(call, bucket, key!, uploadId),
            "GetBucketPolicy" => _buckets.GetPolicyAsync(call, bucket, cancellationToken),
            "HeadBucket" => _buckets.HeadAsync(call, bucket),
            "GetObject" => _objects.GetAsync(call, bucket, key!, cancellationToken),
            _ => _objects.HeadAsync(call, bucket, key!),
        };
    }

    /// <summary>The one sub-resource a request addresses: "" for none, "policy", "uploads" or "uploadId";
    /// null when it names one the local registry does not emulate (acl, tagging, versions...). Presigned-URL
    /// parameters, the JS SDK's <c>x-id</c> operation hint and an upload's <c>partNumber</c> are no sub-resources.</summary>
    private static string? Subresource(IQueryCollection query)
    {
        var names = query.Keys
            .Where(name => name is not ("x-id" or "partNumber") && !name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        return names.Count switch
        {
            0 => "",
            1 when names[0] is "policy" or "uploads" or "uploadId" => names[0],
            _ => null,
        };
    }

    /// <summary>Changes read, decide and write (bucket names, policies, objects): one at a time keeps
    /// them atomic, as the service guarantees.</summary>
    private async Task SerializedAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await change();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error)
    {
        var (bucket, key) = ParsePath(call.Http.Request);
        var resource = bucket is null ? "/" : key is null ? "/" + bucket : $"/{bucket}/{key}";
        return RestXmlProtocol.WriteErrorAsync(call.Http, error, resource);
    }

    /// <summary>Bucket and key of a path-style URL, decoded (a key may hold encoded slashes).</summary>
    private static (string? Bucket, string? Key) ParsePath(HttpRequest request)
    {
        var (rawPath, _) = CanonicalRequest.SplitRawTarget(request);
        var path = rawPath.TrimStart('/');
        if (path.Length == 0)
        {
            return (null, null);
        }

        var slash = path.IndexOf('/');
        if (slash < 0 || slash == path.Length - 1)
        {
            return (Uri.UnescapeDataString(slash < 0 ? path : path[..slash]), null);
        }

        return (Uri.UnescapeDataString(path[..slash]), Uri.UnescapeDataString(path[(slash + 1)..]));
    }

    /// <summary>The REST bindings S3 reads from the URI, headers and body, as the model names them.</summary>
    private static JsonObject BindInput(HttpRequest request, string bucket, string? key, byte[]? policyBody)
    {
        var input = new JsonObject { ["Bucket"] = bucket };
        if (key is not null)
        {
            input["Key"] = key;
        }

        if (policyBody is not null && HttpMethods.IsPut(request.Method))
        {
            input["Policy"] = System.Text.Encoding.UTF8.GetString(policyBody);
        }

        if (request.Headers.ContentType.ToString() is { Length: > 0 } contentType)
        {
            input["ContentType"] = contentType;
        }

        return input;
    }

    private void Validate(string operation, JsonObject input)
    {
        var violations = _model.ValidateInput(operation, input);
        if (violations.Count > 0)
        {
            throw new AwsServiceError("InvalidArgument", ShapeViolation.Summarize(violations));
        }
    }

    private static AwsServiceError NotImplemented() =>
        new("NotImplemented", "A header you provided implies functionality that is not implemented", 501, senderFault: false);
}
