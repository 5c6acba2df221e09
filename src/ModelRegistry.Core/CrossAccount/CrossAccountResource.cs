namespace ModelRegistry.Core.CrossAccount;

/// <summary>The four places a cross-account registration set-up changes, in the order they are applied.</summary>
public enum CrossAccountResource
{
    /// <summary>The training account's ECR repository policy: the registry account may pull the image.</summary>
    RepositoryPolicy,

    /// <summary>The training account's S3 bucket policy: the registry account may read the model artifacts.</summary>
    BucketPolicy,

    /// <summary>A grant on the training account's KMS key: the registry account may decrypt the artifacts.</summary>
    KmsGrant,

    /// <summary>The registry account's model group policy: the training account may register versions.</summary>
    ModelGroupPolicy,
}

/// <summary>Which account's administrator can make a change.</summary>
public enum AccountSide
{
    Registry,
    Training,
}
