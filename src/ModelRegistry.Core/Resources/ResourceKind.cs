namespace ModelRegistry.Core.Resources;

/// <summary>The resources whose access this module changes: the four places of a cross-account
/// set-up, in the order they are applied (training account first: the group policy lets versions
/// in only once their image and data are readable).</summary>
public enum ResourceKind
{
    /// <summary>An ECR repository's policy: who may pull the image.</summary>
    RepositoryPolicy,

    /// <summary>An S3 bucket's policy: who may read the model artifacts.</summary>
    BucketPolicy,

    /// <summary>A grant on a KMS key: who may decrypt the artifacts.</summary>
    KmsGrant,

    /// <summary>A model group's resource policy: who may register and read versions.</summary>
    ModelGroupPolicy,
}

/// <summary>Which account's administrator can make a change.</summary>
public enum AccountSide
{
    Registry,
    Training,
}
