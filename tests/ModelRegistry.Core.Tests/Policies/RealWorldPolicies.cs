using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

/// <summary>
/// Policies in the shapes AWS documents, with documentation account ids. Each is written exactly as
/// <c>PolicyDocument.ToJson(indented: true)</c> renders it, so a parse/render round trip must reproduce it byte for byte.
/// </summary>
internal static class RealWorldPolicies
{
    /// <summary>SageMaker Model Registry guide: let another account register and describe versions of a model group.</summary>
    public const string SageMakerCrossAccountModelGroup = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AddPermModelPackageGroupCrossAccount",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:root"
              },
              "Action": [
                "sagemaker:DescribeModelPackageGroup"
              ],
              "Resource": "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn-models"
            },
            {
              "Sid": "AddPermModelPackageVersionCrossAccount",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:root"
              },
              "Action": [
                "sagemaker:DescribeModelPackage",
                "sagemaker:ListModelPackages",
                "sagemaker:UpdateModelPackage",
                "sagemaker:CreateModelPackage",
                "sagemaker:CreateModel"
              ],
              "Resource": "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/*"
            }
          ]
        }
        """;

    /// <summary>SageMaker cross-account discoverability (AWS RAM) example: one statement, two resources.</summary>
    public const string SageMakerDiscoverability = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "ExampleResourcePolicy",
              "Effect": "Allow",
              "Principal": {
                "AWS": "222222222222"
              },
              "Action": [
                "sagemaker:DescribeModelPackage",
                "sagemaker:ListModelPackages",
                "sagemaker:DescribeModelPackageGroup"
              ],
              "Resource": [
                "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn-models",
                "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/*"
              ]
            }
          ]
        }
        """;

    /// <summary>S3 user guide: cross-account read plus the "deny insecure transport" statement (Bool written as a JSON boolean).</summary>
    public const string S3CrossAccountWithSecureTransport = """
        {
          "Version": "2012-10-17",
          "Id": "ModelArtifactsPolicy",
          "Statement": [
            {
              "Sid": "CrossAccountRead",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:root"
              },
              "Action": [
                "s3:GetObject",
                "s3:GetObjectVersion"
              ],
              "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/models/*"
            },
            {
              "Sid": "CrossAccountList",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:root"
              },
              "Action": "s3:ListBucket",
              "Resource": "arn:aws:s3:::amzn-s3-demo-bucket",
              "Condition": {
                "StringLike": {
                  "s3:prefix": [
                    "models/",
                    "models/*"
                  ]
                }
              }
            },
            {
              "Sid": "DenyInsecureTransport",
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": [
                "arn:aws:s3:::amzn-s3-demo-bucket",
                "arn:aws:s3:::amzn-s3-demo-bucket/*"
              ],
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": false
                }
              }
            }
          ]
        }
        """;

    /// <summary>S3 server access logging: a service principal restricted by source ARN and account.</summary>
    public const string S3ServerAccessLogging = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "S3ServerAccessLogsPolicy",
              "Effect": "Allow",
              "Principal": {
                "Service": "logging.s3.amazonaws.com"
              },
              "Action": [
                "s3:PutObject"
              ],
              "Resource": "arn:aws:s3:::amzn-s3-demo-destination-bucket/logs/*",
              "Condition": {
                "ArnLike": {
                  "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket"
                },
                "StringEquals": {
                  "aws:SourceAccount": "111111111111"
                }
              }
            }
          ]
        }
        """;

    /// <summary>ECR user guide "allow push/pull for users": legacy Version, user ARNs, no Resource element.</summary>
    public const string EcrPushPullForUsers = """
        {
          "Version": "2008-10-17",
          "Statement": [
            {
              "Sid": "AllowPushPull",
              "Effect": "Allow",
              "Principal": {
                "AWS": [
                  "arn:aws:iam::222222222222:user/push-pull-user-1",
                  "arn:aws:iam::222222222222:user/push-pull-user-2"
                ]
              },
              "Action": [
                "ecr:BatchGetImage",
                "ecr:BatchCheckLayerAvailability",
                "ecr:CompleteLayerUpload",
                "ecr:GetDownloadUrlForLayer",
                "ecr:InitiateLayerUpload",
                "ecr:PutImage",
                "ecr:UploadLayerPart"
              ]
            }
          ]
        }
        """;

    /// <summary>ECR user guide "allow SageMaker to pull": service principal with an aws:SourceAccount guard.</summary>
    public const string EcrServicePull = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "SageMakerPull",
              "Effect": "Allow",
              "Principal": {
                "Service": "sagemaker.amazonaws.com"
              },
              "Action": [
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer"
              ],
              "Condition": {
                "StringEquals": {
                  "aws:SourceAccount": "111111111111"
                }
              }
            }
          ]
        }
        """;

    /// <summary>KMS developer guide: the default key policy applied when none is given.</summary>
    public const string KmsDefaultKeyPolicy = """
        {
          "Version": "2012-10-17",
          "Id": "key-default-1",
          "Statement": [
            {
              "Sid": "Enable IAM User Permissions",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::111111111111:root"
              },
              "Action": "kms:*",
              "Resource": "*"
            }
          ]
        }
        """;

    /// <summary>KMS console default policy's key-users and grants statements for another account's role.</summary>
    public const string KmsConsoleKeyUsers = """
        {
          "Version": "2012-10-17",
          "Id": "key-consolepolicy-3",
          "Statement": [
            {
              "Sid": "Allow use of the key",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:role/ModelDeployer"
              },
              "Action": [
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:DescribeKey"
              ],
              "Resource": "*"
            },
            {
              "Sid": "Allow attachment of persistent resources",
              "Effect": "Allow",
              "Principal": {
                "AWS": "arn:aws:iam::222222222222:role/ModelDeployer"
              },
              "Action": [
                "kms:CreateGrant",
                "kms:ListGrants",
                "kms:RevokeGrant"
              ],
              "Resource": "*",
              "Condition": {
                "Bool": {
                  "kms:GrantIsForAWSResource": "true"
                }
              }
            }
          ]
        }
        """;

    public static TheoryData<string, string> All => new()
    {
        { nameof(SageMakerCrossAccountModelGroup), SageMakerCrossAccountModelGroup },
        { nameof(SageMakerDiscoverability), SageMakerDiscoverability },
        { nameof(S3CrossAccountWithSecureTransport), S3CrossAccountWithSecureTransport },
        { nameof(S3ServerAccessLogging), S3ServerAccessLogging },
        { nameof(EcrPushPullForUsers), EcrPushPullForUsers },
        { nameof(EcrServicePull), EcrServicePull },
        { nameof(KmsDefaultKeyPolicy), KmsDefaultKeyPolicy },
        { nameof(KmsConsoleKeyUsers), KmsConsoleKeyUsers },
    };
}
