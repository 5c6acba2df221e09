using System.Text;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Policies;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>What S3 checks in PutBucketPolicy before it stores a policy, each failure a MalformedPolicy with
/// S3's message: at most 20 KB, every statement with a Principal and a Resource, principals that exist
/// in form (<see cref="PrincipalIdentifierRules"/>), S3 actions only, and resources in this bucket.</summary>
internal static class S3PolicyRules
{
    /// <summary>The S3 actions of the IAM Service Authorization Reference that bucket policies may name.</summary>
    private static readonly string[] KnownActions =
    [
        "AbortMultipartUpload", "BypassGovernanceRetention", "CreateBucket", "CreateMultiRegionAccessPoint", "DeleteBucket",
        "DeleteBucketOwnershipControls", "DeleteBucketPolicy", "DeleteBucketWebsite", "DeleteObject", "DeleteObjectTagging",
        "DeleteObjectVersion", "DeleteObjectVersionTagging", "GetAccelerateConfiguration", "GetAnalyticsConfiguration",
        "GetBucketAcl", "GetBucketCORS", "GetBucketLocation", "GetBucketLogging", "GetBucketNotification",
        "GetBucketObjectLockConfiguration", "GetBucketOwnershipControls", "GetBucketPolicy", "GetBucketPolicyStatus",
        "GetBucketPublicAccessBlock", "GetBucketRequestPayment", "GetBucketTagging", "GetBucketVersioning", "GetBucketWebsite",
        "GetEncryptionConfiguration", "GetIntelligentTieringConfiguration", "GetInventoryConfiguration", "GetLifecycleConfiguration",
        "GetMetricsConfiguration", "GetObject", "GetObjectAcl", "GetObjectAttributes", "GetObjectLegalHold", "GetObjectRetention",
        "GetObjectTagging", "GetObjectTorrent", "GetObjectVersion", "GetObjectVersionAcl", "GetObjectVersionAttributes",
        "GetObjectVersionForReplication", "GetObjectVersionTagging", "GetObjectVersionTorrent", "GetReplicationConfiguration",
        "ListBucket", "ListBucketMultipartUploads", "ListBucketVersions", "ListMultipartUploadParts", "ObjectOwnerOverrideToBucketOwner",
        "PutAccelerateConfiguration", "PutAnalyticsConfiguration", "PutBucketAcl", "PutBucketCORS", "PutBucketLogging",
        "PutBucketNotification", "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls", "PutBucketPolicy",
        "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning", "PutBucketWebsite",
        "PutEncryptionConfiguration", "PutIntelligentTieringConfiguration", "PutInventoryConfiguration", "PutLifecycleConfiguration",
        "PutMetricsConfiguration", "PutObject", "PutObjectAcl", "PutObjectLegalHold", "PutObjectRetention", "PutObjectTagging",
        "PutObjectVersionAcl", "PutObjectVersionTagging", "PutReplicationConfiguration", "ReplicateDelete", "ReplicateObject",
        "ReplicateTags", "RestoreObject",
    ];

    /// <summary>Throws S3's MalformedPolicy for the first rule the policy breaks.</summary>
    public static void Check(string bucket, string text)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > PolicySizeLimit.S3BucketPolicy.MaximumSize)
        {
            throw Malformed($"Policy exceeds the maximum allowed document size ({size} bytes; the limit is {PolicySizeLimit.S3BucketPolicy.MaximumSize}).");
        }

        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(text);
        }
        catch (PolicyFormatException e)
        {
            throw Malformed(e.Message);
        }

        foreach (var statement in policy.Statements)
        {
            if (statement.Principal is null && statement.NotPrincipal is null)
            {
                throw Malformed("Missing required field Principal");
            }

            if (statement.Resources is null && statement.NotResources is null)
            {
                throw Malformed("Missing required field Resource");
            }

            if ((statement.Actions ?? statement.NotActions)!.FirstOrDefault(a => !IsS3Action(a)) is { } action)
            {
                throw Malformed($"Policy has invalid action: '{action}' is not an Amazon S3 action");
            }

            if ((statement.Resources ?? statement.NotResources)!.FirstOrDefault(r => !IsInBucket(bucket, r)) is { } resource)
            {
                throw Malformed($"Policy has invalid resource: '{resource}' is not arn:aws:s3:::{bucket} or an object of it");
            }
        }

        if (PrincipalIdentifierRules.FindInvalid(policy).FirstOrDefault() is { } principal)
        {
            throw Malformed($"Invalid principal in policy: {principal}");
        }
    }

    /// <summary>"*", or s3:Name where Name (wildcards allowed) matches a known S3 action, case-insensitively as IAM does.</summary>
    private static bool IsS3Action(string action)
    {
        if (action == "*")
        {
            return true;
        }

        const string prefix = "s3:";
        if (!action.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = new Regex("^" + Regex.Escape(action[prefix.Length..]).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return KnownActions.Any(name.IsMatch);
    }

    private static bool IsInBucket(string bucket, string resource)
    {
        var bucketArn = "arn:aws:s3:::" + bucket;
        return resource == bucketArn || resource.StartsWith(bucketArn + "/", StringComparison.Ordinal)
            || (resource.EndsWith('*') && bucketArn.StartsWith(resource[..^1], StringComparison.Ordinal) && resource.Length > "arn:aws:s3:::".Length + 1);
    }

    private static AwsServiceError Malformed(string message) => new("MalformedPolicy", message);
}
