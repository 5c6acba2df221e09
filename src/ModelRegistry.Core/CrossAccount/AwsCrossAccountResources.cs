using System;
using Amazon.KeyManagementService;
using Amazon.S3;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>The four resources in AWS: the training account's clients for ECR, S3 and KMS, the
/// registry account's for SageMaker, each created on first use.</summary>
internal sealed class AwsCrossAccountResources : ICrossAccountResources, IDisposable
{
    private readonly CrossAccountGrant _grant;
    private readonly AwsConnection? _registry;
    private readonly AwsConnection? _training;
    private SageMakerClient? _registryClient;
    private EcrClient? _containerClient;
    private AmazonS3Client? _s3Client;
    private AmazonKeyManagementServiceClient? _kmsClient;

    public AwsCrossAccountResources(CrossAccountGrant grant, AwsConnection? registry, AwsConnection? training)
    {
        _grant = grant;
        _registry = registry;
        _training = training;
    }

    public IManagedResource<PolicyDocument> PolicyOf(ResourceKind kind) => kind switch
    {
        ResourceKind.RepositoryPolicy => new RepositoryPolicy(
            _containerClient ??= new EcrClient(Training), _grant.RepositoryArn, _grant.TrainingAccountId, _grant.RepositoryName),
        ResourceKind.BucketPolicy => new BucketPolicy(_s3Client ??= AwsClientFactory.CreateS3Client(Training), _grant.TrainingAccountId, _grant.BucketName),
        ResourceKind.ModelGroupPolicy => new ModelGroupPolicy(_registryClient ??= new SageMakerClient(Registry), _grant.ModelGroupArn, _grant.ModelGroupName),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a policy."),
    };

    public KmsGrant KmsGrant() => new(
        new KeyGrants(_kmsClient ??= AwsClientFactory.CreateKmsClient(Training), _grant.KmsKeyArn),
        _grant.TrainingAccountId, _grant.KmsGrantName, _grant.RegistryPrincipal);

    public void Dispose()
    {
        _registryClient?.Dispose();
        _containerClient?.Dispose();
        _s3Client?.Dispose();
        _kmsClient?.Dispose();
    }

    private AwsConnection Registry => _registry ?? throw new InvalidOperationException("No registry account connection.");

    private AwsConnection Training => _training ?? throw new InvalidOperationException("No training account connection.");
}
