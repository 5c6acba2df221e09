using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace ModelRegistry.Core.Resources;

/// <summary>A KMS key's grants through the KMS API: listed per grantee (KMS filters by grantee principal), created, revoked.</summary>
internal sealed class KeyGrants : IKeyGrants
{
    private readonly IAmazonKeyManagementService _client;

    public KeyGrants(IAmazonKeyManagementService client, string keyArn)
    {
        _client = client;
        KeyArn = keyArn;
    }

    public string KeyArn { get; }

    public async Task<IReadOnlyList<KmsGrantEntry>> ListAsync(string granteePrincipal, CancellationToken cancellationToken)
    {
        var grants = new List<KmsGrantEntry>();
        string? marker = null;
        do
        {
            var page = await _client.ListGrantsAsync(
                new ListGrantsRequest { KeyId = KeyArn, GranteePrincipal = granteePrincipal, Marker = marker },
                cancellationToken).ConfigureAwait(false);
            grants.AddRange((page.Grants ?? new List<GrantListEntry>())
                .Where(grant => grant.GranteePrincipal == granteePrincipal)
                .Select(grant => new KmsGrantEntry(grant.GrantId, grant.Name, grant.GranteePrincipal, (grant.Operations
                    ?? new List<string>()).Select(o => o.ToString()))));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker != null);

        return grants;
    }

    public Task CreateAsync(string name, string granteePrincipal, IEnumerable<string> operations, CancellationToken cancellationToken) =>
        _client.CreateGrantAsync(
            new CreateGrantRequest { KeyId = KeyArn, Name = name, GranteePrincipal = granteePrincipal, Operations = operations.ToList() },
            cancellationToken);

    public Task RevokeAsync(string grantId, CancellationToken cancellationToken) =>
        _client.RevokeGrantAsync(new RevokeGrantRequest { KeyId = KeyArn, GrantId = grantId }, cancellationToken);
}
