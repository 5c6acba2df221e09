using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>Keys in the document store, filed by account and region under their key id; grants travel
/// inside their key's document.</summary>
public sealed class KmsDocuments
{
    private readonly DocumentCollection<KmsKey> _keys;

    public KmsDocuments(IDocumentStore store)
    {
        _keys = new DocumentCollection<KmsKey>(store, "kms-keys");
    }

    public KmsKey? Find(string accountId, string region, string keyId) =>
        _keys.Find(DocumentScope.Regional(accountId, region), keyId);

    public void Save(KmsKey key) => _keys.Save(DocumentScope.Regional(key.AccountId, key.Region), key.KeyId, key);
}
