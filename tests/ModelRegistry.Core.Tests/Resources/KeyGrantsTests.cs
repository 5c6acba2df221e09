using System.Text.Json.Nodes;
using Amazon;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Resources;
using ModelRegistry.Core.Tests.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Resources;

/// <summary>A key's grants through AWSSDK.KeyManagementService against <see cref="CannedJsonServer"/>: every page
/// of one grantee's grants, and the create and revoke requests.</summary>
public sealed class KeyGrantsTests : IDisposable
{
    private const string KeyArn = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string Grantee = "arn:aws:iam::111111111111:root";

    private readonly CannedJsonServer _server = new();
    private readonly AmazonKeyManagementServiceClient _kms;
    private readonly KeyGrants _grants;

    public KeyGrantsTests()
    {
        _kms = AwsClientFactory.CreateKmsClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222"), RegionEndpoint.USEast1, _server.Url));
        _grants = new KeyGrants(_kms, KeyArn);
    }

    public void Dispose()
    {
        _kms.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task ListGrants_follows_every_page_of_the_grantee_s_grants()
    {
        _server.Reply(200, $$"""{"Grants":[{"GrantId":"g1","Name":"ModelRegistry","GranteePrincipal":"{{Grantee}}","Operations":["GenerateDataKey","Decrypt"]}],"Truncated":true,"NextMarker":"page-2"}""");
        _server.Reply(200, $$"""{"Grants":[{"GrantId":"g2","Name":"Other","GranteePrincipal":"{{Grantee}}","Operations":["Decrypt"]}],"Truncated":false}""");

        var grants = await _grants.ListAsync(Grantee, CancellationToken.None);

        Assert.Equal(["g1", "g2"], grants.Select(g => g.GrantId));
        Assert.Equal(("ModelRegistry", Grantee), (grants[0].Name, grants[0].GranteePrincipal));
        Assert.Equal(["Decrypt", "GenerateDataKey"], grants[0].Operations);
        var requests = _server.Requests.Select(r => JsonNode.Parse(r.Body)!).ToArray();
        Assert.All(requests, r => Assert.Equal((KeyArn, Grantee), ((string?)r["KeyId"], (string?)r["GranteePrincipal"])));
        Assert.Null(requests[0]["Marker"]);
        Assert.Equal("page-2", (string?)requests[1]["Marker"]);
    }

    [Fact]
    public async Task ListGrants_stops_at_a_page_that_is_not_truncated_and_keeps_only_the_grantee_s_grants()
    {
        // A KMS-compatible service may ignore the grantee filter, or name a marker on its last page.
        _server.Reply(200, """{"Grants":[{"GrantId":"theirs","Name":"ModelRegistry","GranteePrincipal":"arn:aws:iam::333333333333:root","Operations":["Decrypt"]},{"GrantId":"bare","GranteePrincipal":"arn:aws:iam::111111111111:root"}],"Truncated":false,"NextMarker":"stale"}""");

        var grant = Assert.Single(await _grants.ListAsync(Grantee, CancellationToken.None));

        Assert.Equal(("bare", null), (grant.GrantId, grant.Name));
        Assert.Empty(grant.Operations);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_key_without_grants_lists_none()
    {
        _server.Reply(200, """{"Truncated":false}""");

        Assert.Empty(await _grants.ListAsync(Grantee, CancellationToken.None));
    }

    [Fact]
    public async Task CreateGrant_and_RevokeGrant_name_the_key_the_grant_and_its_operations()
    {
        _server.Reply(200, """{"GrantId":"g3","GrantToken":"token"}""");
        _server.Reply(200, "{}");

        await _grants.CreateAsync("ModelRegistry", Grantee, ["Decrypt", "GenerateDataKey"], CancellationToken.None);
        await _grants.RevokeAsync("g1", CancellationToken.None);

        var requests = _server.Requests.ToArray();
        Assert.Equal("TrentService.CreateGrant", requests[0].Headers["X-Amz-Target"]);
        var create = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal((KeyArn, "ModelRegistry", Grantee), ((string?)create["KeyId"], (string?)create["Name"], (string?)create["GranteePrincipal"]));
        Assert.Equal(["Decrypt", "GenerateDataKey"], create["Operations"]!.AsArray().Select(o => (string?)o));
        Assert.Equal("TrentService.RevokeGrant", requests[1].Headers["X-Amz-Target"]);
        var revoke = JsonNode.Parse(requests[1].Body)!;
        Assert.Equal(("g1", KeyArn), ((string?)revoke["GrantId"], (string?)revoke["KeyId"]));
    }
}
