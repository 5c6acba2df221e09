using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Resources;

/// <summary>
/// The grants of one name for one grantee on a KMS key, brought to the wanted state: exactly one
/// grant with the wanted operations, or none. KMS grants cannot be edited, so a grant with other
/// operations is replaced: the new one is created first, then the old one revoked.
/// </summary>
internal sealed class KmsGrant : IManagedResource<KmsGrantSet>
{
    private readonly IKeyGrants _grants;
    private readonly string _name;
    private readonly string _grantee;

    public KmsGrant(IKeyGrants grants, string accountId, string name, string granteePrincipal)
    {
        _grants = grants;
        AccountId = accountId;
        _name = name;
        _grantee = granteePrincipal;
    }

    public ResourceKind Kind => ResourceKind.KmsGrant;

    public string AccountId { get; }

    /// <summary>The key's ARN.</summary>
    public string Target => _grants.KeyArn;

    /// <summary>The state a grant asks for: one grant of this name with <paramref name="operations"/>.</summary>
    public KmsGrantSet Wanted(IEnumerable<string> operations) => KmsGrantSet.Of(_name, _grantee, operations);

    public async Task<KmsGrantSet?> ReadAsync(CancellationToken cancellationToken)
    {
        var named = (await _grants.ListAsync(_grantee, cancellationToken).ConfigureAwait(false)).Where(grant => grant.Name == _name).ToList();
        return named.Count == 0 ? null : new KmsGrantSet(named);
    }

    /// <summary>Every grant to the grantee, whatever its name: what the grantee may do with the key.</summary>
    public Task<IReadOnlyList<KmsGrantEntry>> ReadGranteeGrantsAsync(CancellationToken cancellationToken) =>
        _grants.ListAsync(_grantee, cancellationToken);

    public async Task WriteAsync(KmsGrantSet? current, KmsGrantSet? proposed, CancellationToken cancellationToken)
    {
        var (_, create, revoke) = Steps(current, proposed);
        if (create != null)
        {
            await _grants.CreateAsync(_name, _grantee, create.Operations, cancellationToken).ConfigureAwait(false);
        }

        foreach (var grant in revoke)
        {
            await _grants.RevokeAsync(grant.GrantId, cancellationToken).ConfigureAwait(false);
        }
    }

    public bool Satisfies(KmsGrantSet? stored, KmsGrantSet? wanted)
    {
        if (wanted is null)
        {
            return stored is null;
        }

        return stored != null && stored.Grants.Count == wanted.Grants.Count
            && wanted.Grants.All(w => stored.Grants.Any(s => s.Grants(w.GranteePrincipal, w.Operations)));
    }

    public string? Render(KmsGrantSet? state) =>
        state is null ? null
        : state.Grants.Count == 1 && state.Grants[0].GrantId.Length == 0 ? state.Grants[0].ToJson(withId: false)
        : "[" + string.Join(",\n", state.Grants.Select(grant => grant.ToJson())) + "]";

    public string Diff(KmsGrantSet? before, KmsGrantSet? after)
    {
        var (_, create, revoke) = Steps(before, after);
        if (create is null && revoke.Count == 0)
        {
            return "No changes to the grants.";
        }

        var text = new StringBuilder();
        foreach (var grant in revoke)
        {
            text.Append("- Revoke grant ").Append(grant.GrantId).Append('\n').Append(Indent("- ", grant.ToJson()));
        }

        if (create != null)
        {
            text.Append("+ Create grant '").Append(_name).Append("'\n").Append(Indent("+ ", create.ToJson(withId: false)));
        }

        return text.ToString().TrimEnd('\n');
    }

    public string? Refusal(KmsGrantSet proposed) => null;

    /// <summary>Which current grant stays, what to create, what to revoke.</summary>
    private static (KmsGrantEntry? Keep, KmsGrantEntry? Create, IReadOnlyList<KmsGrantEntry> Revoke) Steps(KmsGrantSet? current, KmsGrantSet? proposed)
    {
        var existing = current?.Grants ?? new KmsGrantEntry[0];
        var wanted = proposed?.Grants.FirstOrDefault();
        var keep = wanted is null ? null : existing.FirstOrDefault(grant => grant.Grants(wanted.GranteePrincipal, wanted.Operations));
        var create = wanted != null && keep is null ? wanted : null;
        return (keep, create, existing.Where(grant => !ReferenceEquals(grant, keep)).ToList());
    }

    private static string Indent(string marker, string text) =>
        string.Concat(text.Replace("\r\n", "\n").Split('\n').Select(line => marker + line + "\n"));
}
