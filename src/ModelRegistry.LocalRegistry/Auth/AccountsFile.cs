using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The seed accounts and the <c>--accounts-file</c> format
/// <c>{"accounts":[{"name","accountId","accessKeyId","secretAccessKey"}]}</c>.</summary>
public static class AccountsFile
{
    /// <summary>Documented test keys (see the team brief); they only ever work against 127.0.0.1.</summary>
    public static IReadOnlyList<EmulatedAccount> SeedAccounts { get; } =
    [
        new("registry", "111111111111", "AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111"),
        new("training", "222222222222", "AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222"),
    ];

    private static readonly Regex AccountIdPattern = new("^[0-9]{12}$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<EmulatedAccount> Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the file text; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static IReadOnlyList<EmulatedAccount> Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON: {e.Message}", e);
        }

        if (root?["accounts"] is not JsonArray entries || entries.Count == 0)
        {
            throw new FormatException($"{source}: expected {{\"accounts\":[...]}} with at least one account.");
        }

        var accounts = new List<EmulatedAccount>();
        for (var i = 0; i < entries.Count; i++)
        {
            var account = new EmulatedAccount(
                Required(entries[i], "name", source, i),
                Required(entries[i], "accountId", source, i),
                Required(entries[i], "accessKeyId", source, i),
                Required(entries[i], "secretAccessKey", source, i));
            if (!AccountIdPattern.IsMatch(account.AccountId))
            {
                throw new FormatException($"{source}: accounts[{i}].accountId must be 12 digits, not '{account.AccountId}'.");
            }

            if (accounts.Exists(a => a.AccountId == account.AccountId || a.AccessKeyId == account.AccessKeyId))
            {
                throw new FormatException($"{source}: accounts[{i}] repeats an account id or access key id.");
            }

            accounts.Add(account);
        }

        return accounts;
    }

    private static string Required(JsonNode? entry, string member, string source, int index) =>
        entry?[member] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new FormatException($"{source}: accounts[{index}].{member} is missing or not a string.");
}
