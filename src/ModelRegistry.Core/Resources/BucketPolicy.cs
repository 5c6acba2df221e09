using System.Net;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Resources;

/// <summary>An S3 bucket's policy.</summary>
internal sealed class BucketPolicy : PolicyResource
{
    private readonly IAmazonS3 _client;
    private readonly string _bucketName;

    public BucketPolicy(IAmazonS3 client, string accountId, string bucketName)
        : base(accountId, "arn:aws:s3:::" + bucketName)
    {
        _client = client;
        _bucketName = bucketName;
    }

    public override ResourceKind Kind => ResourceKind.BucketPolicy;

    protected override PolicySizeLimit Limit => PolicySizeLimit.S3BucketPolicy;

    public override async Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = _bucketName }, cancellationToken).ConfigureAwait(false);

            // AWSSDK.S3 4.1 hands back a 404's XML error body as the policy instead of throwing.
            if ((int)response.HttpStatusCode >= 300)
            {
                throw ErrorOf(response.HttpStatusCode, response.Policy);
            }

            return string.IsNullOrEmpty(response.Policy) ? null : PolicyDocument.Parse(response.Policy);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucketPolicy")
        {
            return null;
        }
    }

    private static AmazonS3Exception ErrorOf(HttpStatusCode status, string? body)
    {
        string? code = null, message = null;
        try
        {
            var error = XDocument.Parse(body ?? string.Empty).Root;
            code = error?.Element("Code")?.Value;
            message = error?.Element("Message")?.Value;
        }
        catch (XmlException)
        {
            // Not an S3 error document; the status code still says what happened.
        }

        return new AmazonS3Exception(message ?? $"GetBucketPolicy answered HTTP {(int)status}.", ErrorType.Sender, code ?? status.ToString(), null, status);
    }

    protected override Task PutAsync(PolicyDocument policy, CancellationToken cancellationToken) =>
        _client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = _bucketName, Policy = policy.ToJson() }, cancellationToken);

    protected override Task DeleteAsync(CancellationToken cancellationToken) =>
        _client.DeleteBucketPolicyAsync(new DeleteBucketPolicyRequest { BucketName = _bucketName }, cancellationToken);
}
