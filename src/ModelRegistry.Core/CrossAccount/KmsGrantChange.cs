using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>
/// Brings the grants of one name for one grantee to the wanted state: exactly one grant with the
/// wanted operations (grant), or none (revoke). KMS grants cannot be edited, so a grant with other
/// operations is replaced: the new one is created first, then the old one revoked.
/// </summary>
internal sealed class KmsGrantChange
{
    private readonly KeyGrants _grants;
    private readonly string _name;
    private readonly string _grantee;
    private readonly IReadOnlyList<string>? _wantedOperations;
    private readonly IReadOnlyList<KmsGrantEntry> _current;
    private readonly IReadOnlyList<KmsGrantEntry> _toRevoke;
    private readonly bool _create;

    /// <param name="wantedOperations">Null to remove every grant of this name.</param>
    public KmsGrantChange(KeyGrants grants, string name, string grantee, IReadOnlyList<string>? wantedOperations, IReadOnlyList<KmsGrantEntry> grantsOfGrantee)
    {
        _grants = grants;
        _name = name;
        _grantee = grantee;
        _wantedOperations = wantedOperations;
        _current = grantsOfGrantee.Where(grant => grant.Name == name).ToList();
        var keep = wantedOperations is null ? null : _current.FirstOrDefault(grant => grant.Grants(grantee, wantedOperations));
        _create = wantedOperations != null && keep is null;
        _toRevoke = _current.Where(grant => !ReferenceEquals(grant, keep)).ToList();
    }

    public bool IsEmpty => !_create && _toRevoke.Count == 0;

    public string? CurrentText => _current.Count == 0 ? null : "[" + string.Join(",\n", _current.Select(g => g.ToJson())) + "]";

    public string? ProposedText => _wantedOperations is null ? null : Wanted.ToJson(withId: false);

    private KmsGrantEntry Wanted => new(string.Empty, _name, _grantee, _wantedOperations ?? new string[0]);

    public string Describe()
    {
        if (IsEmpty)
        {
            return "No changes to the grants.";
        }

        var text = new StringBuilder();
        foreach (var grant in _toRevoke)
        {
            text.Append("- Revoke grant ").Append(grant.GrantId).Append('\n');
            text.Append(Indent("- ", grant.ToJson()));
        }

        if (_create)
        {
            text.Append("+ Create grant '").Append(_name).Append("'\n");
            text.Append(Indent("+ ", Wanted.ToJson(withId: false)));
        }

        return text.ToString().TrimEnd('\n');
    }

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (_create)
        {
            await _grants.CreateAsync(_name, _grantee, _wantedOperations!, cancellationToken).ConfigureAwait(false);
        }

        foreach (var grant in _toRevoke)
        {
            await _grants.RevokeAsync(grant.GrantId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>Null when exactly the wanted grant (or none) is there, otherwise what is there.</returns>
    public async Task<string?> VerifyAsync(CancellationToken cancellationToken)
    {
        var named = (await _grants.ListAsync(_grantee, cancellationToken).ConfigureAwait(false)).Where(grant => grant.Name == _name).ToList();
        var expected = _wantedOperations is null ? 0 : 1;
        var correct = named.Count == expected && named.All(grant => grant.Grants(_grantee, _wantedOperations!));
        return correct ? null : $"{named.Count} grant(s) named '{_name}' for {_grantee}: " + string.Join(", ", named.Select(g => $"{g.GrantId} ({string.Join(", ", g.Operations)})"));
    }

    private static string Indent(string marker, string text) =>
        string.Concat(text.Replace("\r\n", "\n").Split('\n').Select(line => marker + line + "\n"));
}
