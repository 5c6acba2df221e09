namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>The scopes documents are filed under in an <see cref="IDocumentStore"/>.</summary>
public static class DocumentScope
{
    /// <summary>For resources whose names are unique across accounts and regions (S3 buckets, STS session keys).</summary>
    public const string Global = "global";

    /// <summary>For resources that belong to one account in one region: "account/region".</summary>
    public static string Regional(string accountId, string region) => accountId + "/" + region;
}
