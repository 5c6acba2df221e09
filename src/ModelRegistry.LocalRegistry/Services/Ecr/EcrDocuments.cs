using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.Ecr;

/// <summary>Repositories in the document store, filed by registry and region under their name.</summary>
public sealed class EcrDocuments
{
    private readonly DocumentCollection<EcrRepository> _repositories;

    public EcrDocuments(IDocumentStore store)
    {
        _repositories = new DocumentCollection<EcrRepository>(store, "ecr-repositories");
    }

    public EcrRepository? Find(string registryId, string region, string name) =>
        _repositories.Find(DocumentScope.Regional(registryId, region), name);

    /// <summary>All repositories of a registry in a region, by name.</summary>
    public IReadOnlyList<EcrRepository> List(string registryId, string region) =>
        _repositories.List(DocumentScope.Regional(registryId, region));

    public void Save(EcrRepository repository) =>
        _repositories.Save(DocumentScope.Regional(repository.RegistryId, repository.Region), repository.RepositoryName, repository);
}
