using Amazon.Runtime;
using ModelRegistry.Core.Resources;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>A KMS key's grants kept in memory, counting creates and revokes; reads can be refused.</summary>
internal sealed class InMemoryKeyGrants : IKeyGrants
{
    private int _nextId;

    public string KeyArn => "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public List<KmsGrantEntry> Grants { get; } = new();

    public int Writes { get; private set; }

    public AmazonServiceException? RefuseReadsWith { get; set; }

    public Task<IReadOnlyList<KmsGrantEntry>> ListAsync(string granteePrincipal, CancellationToken cancellationToken) =>
        RefuseReadsWith != null ? throw RefuseReadsWith : Task.FromResult<IReadOnlyList<KmsGrantEntry>>(Grants.Where(g => g.GranteePrincipal == granteePrincipal).ToList());

    public Task CreateAsync(string name, string granteePrincipal, IEnumerable<string> operations, CancellationToken cancellationToken)
    {
        Writes++;
        Grants.Add(new KmsGrantEntry("grant-" + ++_nextId, name, granteePrincipal, operations));
        return Task.CompletedTask;
    }

    public Task RevokeAsync(string grantId, CancellationToken cancellationToken)
    {
        Writes++;
        Grants.RemoveAll(g => g.GrantId == grantId);
        return Task.CompletedTask;
    }
}
