using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Storage;

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

/// <summary>Reads and writes repositories in the document store.</summary>
public sealed class EcrDocuments
{
    private const string Collection = "ecr-repositories";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDocumentStore _store;

    public EcrDocuments(IDocumentStore store)
    {
        _store = store;
    }

    public EcrRepository? Find(string registryId, string region, string name) =>
        Read(_store.Get(Collection, Scope(registryId, region), name));

    /// <summary>All repositories of a registry in a region, by name.</summary>
    public IReadOnlyList<EcrRepository> List(string registryId, string region) =>
        _store.List(Collection, Scope(registryId, region)).Select(entry => Read(entry.Value)!).ToList();

    public void Save(EcrRepository repository) =>
        _store.Commit([new DocumentWrite(Collection, Scope(repository.RegistryId, repository.Region), repository.RepositoryName,
            JsonSerializer.Serialize(repository, Json))]);

    private static string Scope(string registryId, string region) => registryId + "/" + region;

    private static EcrRepository? Read(string? json) => json is null ? null : JsonSerializer.Deserialize<EcrRepository>(json, Json);
}
