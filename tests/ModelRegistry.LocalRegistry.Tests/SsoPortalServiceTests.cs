using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SSO;
using Amazon.SSO.Model;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>The IAM Identity Center portal's GetRoleCredentials with the official SDK client, on a
/// token issued by the admin endpoint (what `aws sso login` leaves in the token cache).</summary>
public sealed class SsoPortalServiceTests : IClassFixture<LocalRegistryFixture>
{
    private readonly LocalRegistryFixture _fixture;

    public SsoPortalServiceTests(LocalRegistryFixture fixture)
    {
        _fixture = fixture;
        Environment.SetEnvironmentVariable("NO_PROXY", "127.0.0.1,localhost");
    }

    [Fact]
    public async Task A_token_buys_working_credentials_of_the_requested_account()
    {
        var token = await IssueTokenAsync(3600);
        using var sso = SsoClient();

        var reply = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = "222222222222", RoleName = "DataScientist" });

        var credentials = reply.RoleCredentials;
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(credentials.Expiration!.Value), DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        using var sts = new AmazonSecurityTokenServiceClient(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            new AmazonSecurityTokenServiceConfig { ServiceURL = _fixture.Registry.BaseAddress.ToString(), AuthenticationRegion = "us-east-1" });
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("222222222222", identity.Account);
        Assert.Equal("arn:aws:sts::222222222222:assumed-role/AWSReservedSSO_DataScientist/test-user", identity.Arn);
    }

    [Fact]
    public async Task An_unknown_or_expired_token_is_unauthorized()
    {
        var expired = await IssueTokenAsync(-60);
        using var sso = SsoClient();

        foreach (var token in new[] { "not-a-token-issued-here", expired })
        {
            await Assert.ThrowsAsync<UnauthorizedException>(() =>
                sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = "222222222222", RoleName = "DataScientist" }));
        }
    }

    [Fact]
    public async Task An_account_the_registry_does_not_have_is_not_found()
    {
        var token = await IssueTokenAsync(3600);
        using var sso = SsoClient();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token, AccountId = "333333333333", RoleName = "DataScientist" }));
    }

    private AmazonSSOClient SsoClient() => new(new AnonymousAWSCredentials(), new AmazonSSOConfig
    {
        ServiceURL = _fixture.Registry.BaseAddress.ToString(),
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });

    private async Task<string> IssueTokenAsync(int expiresInSeconds)
    {
        using var http = new HttpClient { BaseAddress = _fixture.Registry.BaseAddress };
        var reply = await http.PostAsJsonAsync("/_localregistry/sso/tokens", new JsonObject { ["userName"] = "test-user", ["expiresInSeconds"] = expiresInSeconds });
        reply.EnsureSuccessStatusCode();
        return (string)(await reply.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }
}
