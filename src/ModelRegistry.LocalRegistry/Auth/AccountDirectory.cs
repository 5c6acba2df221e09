using System.Security.Cryptography;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The accounts of the local registry and the STS sessions issued for them. Sessions live in
/// the document store, so a registry restarted on the same data directory still honours them.</summary>
public sealed class AccountDirectory
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private readonly DocumentCollection<RoleSession> _sessions;
    private readonly TimeProvider _time;

    public AccountDirectory(IReadOnlyList<EmulatedAccount> accounts, IDocumentStore store, TimeProvider time)
    {
        Accounts = accounts;
        _sessions = new DocumentCollection<RoleSession>(store, "sts-sessions");
        _time = time;
    }

    public IReadOnlyList<EmulatedAccount> Accounts { get; }

    public EmulatedAccount? FindAccount(string accountId) => Accounts.FirstOrDefault(a => a.AccountId == accountId);

    /// <summary>The identity behind an access key id: an account key or an STS session key (even an
    /// expired one, so the caller can be told <c>ExpiredToken</c>); null when unknown.</summary>
    public SigningIdentity? FindByAccessKey(string accessKeyId)
    {
        var account = Accounts.FirstOrDefault(a => a.AccessKeyId == accessKeyId);
        if (account is not null)
        {
            return new SigningIdentity(
                new Caller(account.AccountId, account.RootArn, account.AccessKeyId),
                account.SecretAccessKey, SessionToken: null, Expiration: null, UserId: account.AccountId);
        }

        var session = FindSession(accessKeyId);
        return session is null
            ? null
            : new SigningIdentity(
                new Caller(session.AccountId, session.AssumedRoleArn, session.AccessKeyId),
                session.SecretAccessKey, session.SessionToken, session.Expiration, session.AssumedRoleId);
    }

    /// <summary>Issues temporary credentials for a role of a configured account.</summary>
    public RoleSession StartSession(string accountId, string roleName, string sessionName, TimeSpan duration)
    {
        var session = new RoleSession(
            AccessKeyId: "ASIA" + RandomText(KeyAlphabet, 16),
            SecretAccessKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            SessionToken: Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            Expiration: TruncateToSeconds(_time.GetUtcNow() + duration),
            AccountId: accountId,
            AssumedRoleArn: $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}",
            AssumedRoleId: $"AROA{RoleIdFor(accountId, roleName)}:{sessionName}");
        _sessions.Save(DocumentScope.Global, session.AccessKeyId, session);
        return session;
    }

    private RoleSession? FindSession(string accessKeyId) => _sessions.Find(DocumentScope.Global, accessKeyId);

    /// <summary>AWS gives a role one stable unique id; derive it so every session of a role shares it.</summary>
    private static string RoleIdFor(string accountId, string roleName)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(accountId + "/" + roleName));
        return new string(hash.Take(17).Select(b => KeyAlphabet[b % KeyAlphabet.Length]).ToArray());
    }

    private static string RandomText(string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, value.Offset);
}
