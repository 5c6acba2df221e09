using System.Globalization;
using System.Text;

namespace ModelRegistry.Core.Policies;

/// <summary>How a service counts the size of a policy.</summary>
public enum PolicySizeUnit
{
    Bytes,
    Characters,
}

/// <summary>The largest policy a service accepts, counted the way that service counts it.</summary>
public sealed class PolicySizeLimit
{
    public PolicySizeLimit(string service, string policyKind, int maximumSize, PolicySizeUnit unit)
    {
        Service = service;
        PolicyKind = policyKind;
        MaximumSize = maximumSize;
        Unit = unit;
    }

    /// <summary>S3 bucket policies: 20 KB (20,480 bytes).</summary>
    public static PolicySizeLimit S3BucketPolicy { get; } = new PolicySizeLimit("Amazon S3", "bucket policy", 20480, PolicySizeUnit.Bytes);

    /// <summary>ECR repository policies: 10,240 characters.</summary>
    public static PolicySizeLimit EcrRepositoryPolicy { get; } = new PolicySizeLimit("Amazon ECR", "repository policy", 10240, PolicySizeUnit.Characters);

    /// <summary>SageMaker model package group policies: 20,480 characters (ResourcePolicy max length).</summary>
    public static PolicySizeLimit SageMakerModelPackageGroupPolicy { get; } = new PolicySizeLimit("Amazon SageMaker", "model package group policy", 20480,
        PolicySizeUnit.Characters);

    /// <summary>KMS key policies: 32 KB (32,768 bytes).</summary>
    public static PolicySizeLimit KmsKeyPolicy { get; } = new PolicySizeLimit("AWS KMS", "key policy", 32768, PolicySizeUnit.Bytes);

    public string Service { get; }

    public string PolicyKind { get; }

    public int MaximumSize { get; }

    public PolicySizeUnit Unit { get; }

    public override string ToString() => $"{Service} {PolicyKind}: at most {Format(MaximumSize)}";

    internal string Format(int size)
        => size.ToString("N0", CultureInfo.InvariantCulture) + (Unit == PolicySizeUnit.Bytes ? " bytes" : " characters");

    internal int Measure(string json) => Unit == PolicySizeUnit.Bytes ? Encoding.UTF8.GetByteCount(json) : json.Length;
}
