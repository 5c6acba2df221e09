using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Services.Ecr;

/// <summary>A repository as stored (collection "ecr-repositories", scope "account/region").</summary>
public sealed record EcrRepository(
    string RepositoryName,
    string RegistryId,
    string Region,
    DateTimeOffset CreatedAt,
    string ImageTagMutability,
    bool ScanOnPush,
    string EncryptionType,
    string? KmsKey,
    string? PolicyText)
{
    public string Arn => $"arn:aws:ecr:{Region}:{RegistryId}:repository/{RepositoryName}";

    public string Uri => $"{RegistryId}.dkr.ecr.{Region}.amazonaws.com/{RepositoryName}";

    /// <summary>The <c>Repository</c> shape of the ECR API.</summary>
    public JsonObject ToShape()
    {
        var encryption = new JsonObject { ["encryptionType"] = EncryptionType };
        if (KmsKey is not null)
        {
            encryption["kmsKey"] = KmsKey;
        }

        return new JsonObject
        {
            ["repositoryArn"] = Arn,
            ["registryId"] = RegistryId,
            ["repositoryName"] = RepositoryName,
            ["repositoryUri"] = Uri,
            ["createdAt"] = CreatedAt.ToUnixTimeMilliseconds() / 1000.0,
            ["imageTagMutability"] = ImageTagMutability,
            ["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = ScanOnPush },
            ["encryptionConfiguration"] = encryption,
        };
    }
}
