using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>What a web page in a browser on the same machine could send: cross-site requests (a foreign
/// Origin, simple requests with text/plain bodies) and DNS-rebound ones (a foreign Host that resolves to
/// 127.0.0.1). None of them may inject faults, read keys or reach the AWS endpoints.</summary>
public sealed class CrossSiteRequestTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>
{
    private const string FaultRule = """{"kind":"error500","count":1,"operation":"ListModelPackageGroups"}""";

    private static readonly HttpClient Browser = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage> shape, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(registry.Registry.BaseAddress, path)) { Content = content };
        shape(request);
        using var response = await Browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> FaultRuleCountAsync()
    {
        using var client = registry.Client();
        return JsonNode.Parse(await client.Http.GetStringAsync("/_localregistry/faults"))!["rules"]!.AsArray().Count;
    }

    [Fact]
    public async Task A_simple_cross_site_post_cannot_inject_a_fault()
    {
        var before = await FaultRuleCountAsync();

        var plainText = await SendAsync(HttpMethod.Post, "/_localregistry/faults", _ => { }, new StringContent(FaultRule, Encoding.UTF8, "text/plain"));
        var form = await SendAsync(HttpMethod.Post, "/_localregistry/faults", _ => { }, new StringContent(FaultRule, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var foreignOrigin = await SendAsync(HttpMethod.Post, "/_localregistry/faults",
            r => r.Headers.Add("Origin", "https://attacker.example"), new StringContent(FaultRule, Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (plainText.Status, form.Status, foreignOrigin.Status));
        Assert.Contains("application/json", plainText.Body);
        Assert.Contains("cross-site", foreignOrigin.Body);
        Assert.Equal(before, await FaultRuleCountAsync());
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("127.0.0.1.attacker.example")]
    [InlineData("localhost.attacker.example")]
    public async Task A_dns_rebound_host_cannot_read_the_account_keys(string host)
    {
        var rebound = await SendAsync(HttpMethod.Get, "/_localregistry/accounts", r =>
        {
            r.Headers.Host = $"{host}:{registry.Registry.BaseAddress.Port}";
            r.Headers.Add(LoopbackGuard.AdminHeader, "page");
        });

        Assert.Equal(HttpStatusCode.Forbidden, rebound.Status);
        Assert.DoesNotContain("SecretKey", rebound.Body);
        Assert.Contains(host, rebound.Body);
    }

    [Fact]
    public async Task Account_keys_need_the_admin_header_so_no_simple_get_reads_them()
    {
        var simple = await SendAsync(HttpMethod.Get, "/_localregistry/accounts", _ => { });
        var fromTool = await SendAsync(HttpMethod.Get, "/_localregistry/accounts", r => r.Headers.Add(LoopbackGuard.AdminHeader, "tool"));

        Assert.Equal(HttpStatusCode.Forbidden, simple.Status);
        Assert.DoesNotContain("SecretKey", simple.Body);
        Assert.Equal(HttpStatusCode.OK, fromTool.Status);
        Assert.Contains(TestAccount.Registry.SecretAccessKey, fromTool.Body);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("[::1]")]
    public async Task Loopback_host_names_with_any_port_and_loopback_origins_are_served(string host)
    {
        var reply = await SendAsync(HttpMethod.Get, "/_localregistry/accounts", r =>
        {
            r.Headers.Host = $"{host}:{registry.Registry.BaseAddress.Port}";
            r.Headers.Add("Origin", $"http://{host}:8080");
            r.Headers.Add(LoopbackGuard.AdminHeader, "tool");
        });
        var health = await SendAsync(HttpMethod.Get, "/_localregistry/health", r => r.Headers.Host = host);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (reply.Status, health.Status));
    }

    [Fact]
    public async Task The_aws_endpoints_refuse_a_foreign_host_or_origin_in_the_service_error_shape()
    {
        var reboundSageMaker = await SignedSendAsync("sagemaker", r => r.Headers.Host = "attacker.example");
        var crossSiteSageMaker = await SignedSendAsync("sagemaker", r => r.Headers.Add("Origin", "https://attacker.example"));
        using var s3Request = new HttpRequestMessage(HttpMethod.Put, new Uri(registry.Registry.BaseAddress, "/cross-site-bucket"));
        s3Request.Headers.Add("Origin", "null");
        var crossSiteS3 = await SignedHttp.SendAsync(s3Request, [], TestAccount.Registry, "s3");

        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (reboundSageMaker.Status, reboundSageMaker.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "AccessDenied"), (crossSiteSageMaker.Status, crossSiteSageMaker.ErrorCode));
        Assert.Equal(HttpStatusCode.Forbidden, crossSiteS3.Status);
        Assert.Contains("<Code>AccessDenied</Code>", crossSiteS3.Body);
    }

    private async Task<AwsReply> SignedSendAsync(string service, Action<HttpRequestMessage> shape)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.Registry.BaseAddress, "/"));
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "SageMaker.ListModelPackageGroups");
        shape(request);
        return await SignedHttp.SendAsync(request, Encoding.UTF8.GetBytes("{}"), TestAccount.Registry, service, "application/x-amz-json-1.1");
    }
}
