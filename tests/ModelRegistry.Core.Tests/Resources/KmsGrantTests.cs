using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.CrossAccount;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>One named grant for one grantee on a key: what a plan shows, what counts as done, what is written.</summary>
public sealed class KmsGrantTests
{
    private const string Grantee = "arn:aws:iam::111111111111:root";
    private const string Name = "ModelRegistry-111111111111";
    private static readonly string[] Decrypt = ["Decrypt"];
    private static readonly string[] DecryptAndDescribe = ["DescribeKey", "Decrypt"];

    private readonly InMemoryKeyGrants _key = new();

    private KmsGrant Grant() => new(_key, "222222222222", Name, Grantee);

    [Fact]
    public async Task A_new_grant_is_planned_as_one_create_without_an_id_and_then_written()
    {
        var grant = Grant();
        var wanted = grant.Wanted(DecryptAndDescribe);

        var current = await grant.ReadAsync(CancellationToken.None);
        Assert.Null(current);
        Assert.Equal($$"""
            + Create grant '{{Name}}'
            + {
            +   "Name": "{{Name}}",
            +   "GranteePrincipal": "{{Grantee}}",
            +   "Operations": [
            +     "Decrypt",
            +     "DescribeKey"
            +   ]
            + }
            """.ReplaceLineEndings("\n"), grant.Diff(current, wanted));
        Assert.Equal($$"""
            {
              "Name": "{{Name}}",
              "GranteePrincipal": "{{Grantee}}",
              "Operations": [
                "Decrypt",
                "DescribeKey"
              ]
            }
            """.ReplaceLineEndings("\n"), grant.Render(wanted)!.ReplaceLineEndings("\n"));

        await grant.WriteAsync(current, wanted, CancellationToken.None);

        var written = Assert.Single(_key.Grants);
        Assert.Equal((Name, Grantee), (written.Name, written.GranteePrincipal));
        Assert.Equal(["Decrypt", "DescribeKey"], written.Operations);
        Assert.True(grant.Satisfies(await grant.ReadAsync(CancellationToken.None), wanted));
    }

    [Fact]
    public async Task A_grant_with_the_same_operations_in_another_order_is_unchanged()
    {
        _key.Grants.Add(new KmsGrantEntry("grant-1", Name, Grantee, ["Decrypt", "DescribeKey"]));
        var grant = Grant();
        var current = await grant.ReadAsync(CancellationToken.None);

        Assert.Equal("No changes to the grants.", grant.Diff(current, grant.Wanted(DecryptAndDescribe)));
        Assert.True(grant.Satisfies(current, grant.Wanted(DecryptAndDescribe)));
        await grant.WriteAsync(current, grant.Wanted(DecryptAndDescribe), CancellationToken.None);
        Assert.Equal(0, _key.Writes);
    }

    [Fact]
    public async Task A_grant_with_other_operations_is_replaced_create_first_then_revoke()
    {
        _key.Grants.Add(new KmsGrantEntry("grant-old", Name, Grantee, Decrypt));
        _key.Grants.Add(new KmsGrantEntry("grant-other-name", "SomeoneElse", Grantee, Decrypt));
        var grant = Grant();
        var current = await grant.ReadAsync(CancellationToken.None);

        Assert.Equal("grant-old", Assert.Single(current!.Grants).GrantId); // Another name's grant is not ours.
        Assert.False(grant.Satisfies(current, grant.Wanted(DecryptAndDescribe)));
        var diff = grant.Diff(current, grant.Wanted(DecryptAndDescribe)).Split('\n');
        Assert.Equal("- Revoke grant grant-old", diff[0]);
        Assert.Equal("-   \"GrantId\": \"grant-old\",", diff[2]);
        Assert.Contains($"+ Create grant '{Name}'", diff);

        await grant.WriteAsync(current, grant.Wanted(DecryptAndDescribe), CancellationToken.None);

        Assert.Equal(["grant-other-name", "grant-1"], _key.Grants.Select(g => g.GrantId));
        Assert.Equal(2, _key.Writes);
        Assert.True(grant.Satisfies(await grant.ReadAsync(CancellationToken.None), grant.Wanted(DecryptAndDescribe)));
    }

    [Fact]
    public async Task Revoking_removes_every_grant_of_the_name_and_two_stored_grants_never_satisfy_one()
    {
        _key.Grants.Add(new KmsGrantEntry("grant-a", Name, Grantee, Decrypt));
        _key.Grants.Add(new KmsGrantEntry("grant-b", Name, Grantee, Decrypt));
        var grant = Grant();
        var current = await grant.ReadAsync(CancellationToken.None);

        Assert.False(grant.Satisfies(current, grant.Wanted(Decrypt)));
        Assert.False(grant.Satisfies(current, null));
        Assert.StartsWith("[{\n  \"GrantId\": \"grant-a\"", grant.Render(current)!.ReplaceLineEndings("\n"));
        Assert.Null(grant.Render(null));

        await grant.WriteAsync(current, null, CancellationToken.None);

        Assert.Empty(_key.Grants);
        Assert.True(grant.Satisfies(await grant.ReadAsync(CancellationToken.None), null));
    }

    [Fact]
    public async Task Stored_grants_are_shown_with_their_ids_as_a_list_even_when_there_is_one()
    {
        _key.Grants.Add(new KmsGrantEntry("grant-a", Name, Grantee, Decrypt));
        var grant = Grant();
        var one = await grant.ReadAsync(CancellationToken.None);
        _key.Grants.Add(new KmsGrantEntry("grant-b", Name, Grantee, DecryptAndDescribe));
        var two = await grant.ReadAsync(CancellationToken.None);

        Assert.Equal($"[{_key.Grants[0].ToJson()}]", grant.Render(one));
        Assert.Equal($"[{_key.Grants[0].ToJson()},\n{_key.Grants[1].ToJson()}]", grant.Render(two));
    }

    [Fact]
    public void A_stored_grant_for_another_grantee_or_operations_does_not_satisfy()
    {
        var grant = Grant();
        var other = new KmsGrantSet([new KmsGrantEntry("g", Name, "arn:aws:iam::333333333333:root", Decrypt)]);
        var fewer = new KmsGrantSet([new KmsGrantEntry("g", Name, Grantee, Decrypt)]);

        Assert.False(grant.Satisfies(other, grant.Wanted(Decrypt)));
        Assert.False(grant.Satisfies(fewer, grant.Wanted(DecryptAndDescribe)));
        Assert.False(grant.Satisfies(null, grant.Wanted(Decrypt)));
        Assert.Equal((ResourceKind.KmsGrant, "222222222222", _key.KeyArn), (grant.Kind, grant.AccountId, grant.Target));
    }
}
