using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>Amazon S3 (REST-XML, path-style addressing: <c>/{bucket}/{key}</c>): buckets, bucket
/// policies and objects. Routes a call to its operation and renders S3's XML errors.</summary>
public sealed class S3Service : IAwsService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly ServiceModel _model = ServiceModel.Load("s3");
    private readonly S3BucketOperations _buckets;
    private readonly S3ObjectOperations _objects;

    public S3Service(S3Documents documents, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _buckets = new S3BucketOperations(documents, authorizer, time);
        _objects = new S3ObjectOperations(documents, authorizer, time);
    }

    public string SigningName => "s3";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var (bucket, key) = ParsePath(call.Http.Request);
        var method = call.Http.Request.Method;
        var query = call.Http.Request.Query;
        var isPolicy = query.ContainsKey("policy");
        if (bucket is null || (!isPolicy && query.Keys.Any(IsUnsupportedSubresource)))
        {
            throw NotImplemented();
        }

        call.Operation = (key, isPolicy, method) switch
        {
            (null, true, "PUT") => "PutBucketPolicy",
            (null, true, "GET") => "GetBucketPolicy",
            (null, true, "DELETE") => "DeleteBucketPolicy",
            (null, false, "PUT") => "CreateBucket",
            (null, false, "HEAD") => "HeadBucket",
            (not null, false, "PUT") => "PutObject",
            (not null, false, "GET") => "GetObject",
            (not null, false, "HEAD") => "HeadObject",
            _ => throw NotImplemented(),
        };
        Validate(call.Operation, BindInput(call.Http.Request, bucket, key, isPolicy ? call.Body : null));
        return call.Operation switch
        {
            "PutBucketPolicy" => SerializedAsync(() => _buckets.PutPolicyAsync(call, bucket), cancellationToken),
            "DeleteBucketPolicy" => SerializedAsync(() => _buckets.DeletePolicyAsync(call, bucket), cancellationToken),
            "CreateBucket" => SerializedAsync(() => _buckets.CreateAsync(call, bucket), cancellationToken),
            "PutObject" => SerializedAsync(() => _objects.PutAsync(call, bucket, key!), cancellationToken),
            // Reads take no lock: a slow reader of a large object must not hold up everyone else.
            "GetBucketPolicy" => _buckets.GetPolicyAsync(call, bucket, cancellationToken),
            "HeadBucket" => _buckets.HeadAsync(call, bucket),
            "GetObject" => _objects.GetAsync(call, bucket, key!, cancellationToken),
            _ => _objects.HeadAsync(call, bucket, key!),
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

    /// <summary>Sub-resources (acl, tagging, uploads...) of operations the local registry does not emulate;
    /// presigned-URL parameters and the JS SDK's <c>x-id</c> operation hint are not sub-resources.</summary>
    private static bool IsUnsupportedSubresource(string name) =>
        name != "x-id" && !name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase);

    private static AwsServiceError NotImplemented() =>
        new("NotImplemented", "A header you provided implies functionality that is not implemented", 501, senderFault: false);
}
