using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>CreateBucket, HeadBucket and the bucket policy operations.</summary>
internal sealed class S3BucketOperations
{
    /// <summary>S3's naming rules: 3-63 lower-case letters, digits, dots and hyphens, starting and
    /// ending with a letter or digit, no "..", not shaped like an IP address.</summary>
    private static readonly Regex BucketNamePattern = new(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex IpAddressPattern = new(@"^\d+\.\d+\.\d+\.\d+$", RegexOptions.CultureInvariant);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly S3Documents _documents;
    private readonly ResourceAuthorizer _authorizer;
    private readonly TimeProvider _time;

    public S3BucketOperations(S3Documents documents, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _documents = documents;
        _authorizer = authorizer;
        _time = time;
    }

    public Task CreateAsync(AwsCall call, string name)
    {
        if (!BucketNamePattern.IsMatch(name) || name.Contains("..", StringComparison.Ordinal) || IpAddressPattern.IsMatch(name))
        {
            throw new AwsServiceError("InvalidBucketName", "The specified bucket is not valid.");
        }

        var region = LocationConstraint(call.Body) ?? call.Region;
        if (region != call.Region)
        {
            throw new AwsServiceError("IllegalLocationConstraintException",
                $"The {region} location constraint is incompatible for the region specific endpoint this request was sent to.");
        }

        var existing = _documents.FindBucket(name);
        if (existing is not null && existing.OwnerAccountId != call.Caller.AccountId)
        {
            throw new AwsServiceError("BucketAlreadyExists",
                "The requested bucket name is not available. The bucket namespace is shared by all users of the system. " +
                "Please select a different name and try again.", 409);
        }

        // us-east-1 answers a repeated CreateBucket by the owner with 200, other regions with an error.
        if (existing is not null && existing.Region != "us-east-1")
        {
            throw new AwsServiceError("BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.", 409);
        }

        if (existing is null)
        {
            _documents.SaveBucket(new S3Bucket(name, call.Caller.AccountId, region, _time.GetUtcNow(), Policy: null));
        }

        call.Http.Response.Headers.Location = "/" + name;
        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status200OK);
    }

    public Task HeadAsync(AwsCall call, string name)
    {
        var bucket = RequireBucket(name);
        _authorizer.Authorize(call.Caller, bucket.OwnerAccountId, "s3:ListBucket", BucketArn(name), bucket.Policy);
        call.Http.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status200OK);
    }

    public Task PutPolicyAsync(AwsCall call, string name)
    {
        var bucket = RequireOwnedBucket(call.Caller, name);
        string text;
        try
        {
            text = StrictUtf8.GetString(call.Body);
        }
        catch (DecoderFallbackException)
        {
            throw new AwsServiceError("MalformedPolicy", "Policies must be valid UTF-8 JSON");
        }

        S3PolicyRules.Check(name, text);

        _documents.SaveBucket(bucket with { Policy = text });
        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status204NoContent);
    }

    public async Task GetPolicyAsync(AwsCall call, string name, CancellationToken cancellationToken)
    {
        var bucket = RequireOwnedBucket(call.Caller, name);
        var policy = bucket.Policy ?? throw new AwsServiceError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
        RestXmlProtocol.StampRequestId(call.Http);
        call.Http.Response.ContentType = "application/json";
        await call.Http.Response.WriteAsync(policy, cancellationToken);
    }

    public Task DeletePolicyAsync(AwsCall call, string name)
    {
        var bucket = RequireOwnedBucket(call.Caller, name);
        if (bucket.Policy is not null)
        {
            _documents.SaveBucket(bucket with { Policy = null });
        }

        return RestXmlProtocol.WriteEmptyAsync(call.Http, StatusCodes.Status204NoContent);
    }

    /// <summary>S3's answer to a request body that is not the XML the operation takes.</summary>
    internal static AwsServiceError MalformedXml() =>
        new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");

    private static string BucketArn(string name) => "arn:aws:s3:::" + name;

    private S3Bucket RequireBucket(string name) => _documents.RequireBucket(name);

    /// <summary>Only the owning account may read or change a bucket policy, whatever the policy says.</summary>
    private S3Bucket RequireOwnedBucket(Caller caller, string name)
    {
        var bucket = RequireBucket(name);
        return bucket.OwnerAccountId == caller.AccountId ? bucket : throw new AwsServiceError("AccessDenied", "Access Denied", 403);
    }

    private static string? LocationConstraint(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            var root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root;
            var constraint = root?.Elements().FirstOrDefault(e => e.Name.LocalName == "LocationConstraint")?.Value;
            return string.IsNullOrEmpty(constraint) ? null : constraint;
        }
        catch (XmlException)
        {
            throw MalformedXml();
        }
    }
}
