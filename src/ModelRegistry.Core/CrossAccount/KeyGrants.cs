using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>The grants of one KMS key: listed per grantee (KMS filters by grantee principal), created, revoked.</summary>
internal sealed class KeyGrants
{
    private readonly IAmazonKeyManagementService _client;
    private readonly string _keyId;

    public KeyGrants(IAmazonKeyManagementService client, string keyId)
    {
        _client = client;
        _keyId = keyId;
    }

    public async Task<IReadOnlyList<KmsGrantEntry>> ListAsync(string granteePrincipal, CancellationToken cancellationToken)
    {
        var grants = new List<KmsGrantEntry>();
        string? marker = null;
        do
        {
            var page = await _client.ListGrantsAsync(
                new ListGrantsRequest { KeyId = _keyId, GranteePrincipal = granteePrincipal, Marker = marker },
                cancellationToken).ConfigureAwait(false);
            grants.AddRange((page.Grants ?? new List<GrantListEntry>())
                .Where(grant => grant.GranteePrincipal == granteePrincipal)
                .Select(grant => new KmsGrantEntry(grant.GrantId, grant.Name, grant.GranteePrincipal, (grant.Operations ?? new List<string>()).Select(o => o.ToString()))));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker != null);

        return grants;
    }

    public Task CreateAsync(string name, string granteePrincipal, IEnumerable<string> operations, CancellationToken cancellationToken) =>
        _client.CreateGrantAsync(
            new CreateGrantRequest { KeyId = _keyId, Name = name, GranteePrincipal = granteePrincipal, Operations = operations.ToList() },
            cancellationToken);

    public Task RevokeAsync(string grantId, CancellationToken cancellationToken) =>
        _client.RevokeGrantAsync(new RevokeGrantRequest { KeyId = _keyId, GrantId = grantId }, cancellationToken);
}
