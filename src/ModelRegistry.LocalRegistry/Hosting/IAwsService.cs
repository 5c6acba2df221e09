namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>One emulated AWS service. The host authenticates the caller (SigV4) and picks the
/// service by the signing name of the credential scope, then hands the request here.</summary>
public interface IAwsService
{
    /// <summary>The SigV4 signing name: "sagemaker", "ecr", "kms", "s3", "sts" or "awsssoportal".</summary>
    string SigningName { get; }

    /// <summary>Serves one authenticated call; throws <see cref="AwsServiceError"/> for AWS errors.</summary>
    Task HandleAsync(AwsCall call, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="operation"/> is called without a SigV4 signature (STS
    /// AssumeRoleWithWebIdentity, the IAM Identity Center portal): such calls reach the service anonymously.</summary>
    bool AcceptsUnsigned(string? operation) => false;

    /// <summary>Writes an AWS error in this service's wire protocol (JSON 1.1, REST-XML or query).</summary>
    Task WriteErrorAsync(AwsCall call, AwsServiceError error);
}
