using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Faults;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>Fault rules are global to a registry, so this class has its own; xunit runs its tests one at a time.</summary>
public sealed class FaultInjectionTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => registry.Registry.ClearFaultsAsync();

    public Task DisposeAsync() => registry.Registry.ClearFaultsAsync();

    private static async Task<string> CreateGroupAsync(SageMakerTestClient client)
    {
        var name = "faults-" + Guid.NewGuid().ToString("N")[..12];
        await client.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        return name;
    }

    [Fact]
    public async Task The_next_N_matching_calls_are_throttled_before_they_take_effect()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        await registry.Registry.AddFaultAsync("""{"kind":"throttle","count":3,"operation":"CreateModelPackage"}""");

        // Retry on throttling as the SDKs' standard retry mode does.
        var attempts = new List<AwsReply>();
        AwsReply reply;
        do
        {
            reply = await client.CallAsync("CreateModelPackage", ModelPackageInput.For(group));
            attempts.Add(reply);
        }
        while (reply.ErrorCode == "ThrottlingException" && attempts.Count < 10);

        Assert.Equal(4, attempts.Count);
        Assert.All(attempts.Take(3), a =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, a.Status);
            Assert.Equal("ThrottlingException", a.ErrorTypeHeader);
        });
        Assert.EndsWith($"model-package/{group}/1", (string)reply.Json["ModelPackageArn"]!);
        var listed = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        Assert.Single(listed["ModelPackageSummaryList"]!.AsArray());
    }

    [Theory]
    [InlineData("error500")]
    [InlineData("drop")]
    [InlineData("unsupported")]
    public async Task A_failing_fault_hits_CreateModelPackage_before_it_takes_effect(string kind)
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        await registry.Registry.AddFaultAsync($$"""{"kind":"{{kind}}","count":1,"operation":"CreateModelPackage"}""");

        // No ClientToken: had the create taken effect, nothing would hide the version it registered.
        AwsReply? reply = null;
        HttpRequestException? dropped = null;
        try
        {
            reply = await client.CallAsync("CreateModelPackage", ModelPackageInput.For(group));
        }
        catch (HttpRequestException e)
        {
            dropped = e;
        }

        Assert.Equal(kind == "drop", dropped is not null);
        Assert.NotEqual(HttpStatusCode.OK, reply?.Status);
        if (kind == "unsupported")
        {
            Assert.Equal((HttpStatusCode.BadRequest, "UnknownOperationException"), (reply!.Status, reply.ErrorTypeHeader));
        }

        var listed = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        Assert.Empty(listed["ModelPackageSummaryList"]!.AsArray());
        var next = await client.ExpectAsync("CreateModelPackage", ModelPackageInput.For(group));
        Assert.EndsWith($"model-package/{group}/1", (string)next["ModelPackageArn"]!);
    }

    [Fact]
    public async Task A_rule_for_one_service_leaves_the_others_alone()
    {
        using var client = registry.Client();
        await registry.Registry.AddFaultAsync("""{"kind":"throttle","count":1,"service":"ecr"}""");

        var sageMaker = await client.CallAsync("ListModelPackageGroups");
        var ecr = await SignedHttp.JsonAsync(registry.Registry, TestAccount.Registry, "ecr",
            "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", []);

        Assert.Equal(HttpStatusCode.OK, sageMaker.Status);
        Assert.Equal("ThrottlingException", ecr.ErrorCode);
    }

    [Fact]
    public async Task A_rule_for_one_operation_leaves_the_others_alone()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        await registry.Registry.AddFaultAsync("""{"kind":"error500","operation":"CreateModelPackage"}""");

        var failed = await client.CallAsync("CreateModelPackage", ModelPackageInput.For(group));
        var described = await client.CallAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = group });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("InternalFailure", failed.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, described.Status);
    }

    [Fact]
    public async Task A_latency_fault_delays_the_call_which_then_succeeds()
    {
        using var client = registry.Client();
        await registry.Registry.AddFaultAsync("""{"kind":"latency","latencyMs":400,"count":1}""");

        var stopwatch = Stopwatch.StartNew();
        var delayed = await client.CallAsync("ListModelPackageGroups");
        var delay = stopwatch.Elapsed;
        stopwatch.Restart();
        var prompt = await client.CallAsync("ListModelPackageGroups");

        Assert.Equal(HttpStatusCode.OK, delayed.Status);
        Assert.Equal(HttpStatusCode.OK, prompt.Status);
        Assert.True(delay >= TimeSpan.FromMilliseconds(390), $"The delayed call took {delay}.");
        Assert.True(stopwatch.Elapsed < delay, "The rule should have retired after one call.");
    }

    [Fact]
    public async Task A_drop_fault_closes_the_connection_without_a_response()
    {
        using var client = registry.Client();
        await registry.Registry.AddFaultAsync("""{"kind":"drop","count":1,"service":"sagemaker"}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CallAsync("ListModelPackageGroups"));
        Assert.Equal(HttpStatusCode.OK, (await client.CallAsync("ListModelPackageGroups")).Status);
    }

    [Fact]
    public async Task A_rate_hits_about_that_share_of_calls()
    {
        using var client = registry.Client();
        await registry.Registry.AddFaultAsync("""{"kind":"throttle","rate":0.5,"operation":"ListModelPackageGroups"}""");

        var throttled = 0;
        for (var i = 0; i < 200; i++)
        {
            if ((await client.CallAsync("ListModelPackageGroups")).ErrorCode == "ThrottlingException")
            {
                throttled++;
            }
        }

        Assert.InRange(throttled, 60, 140);
    }

    [Fact]
    public async Task Rules_are_listed_and_cleared()
    {
        using var client = registry.Client();
        await registry.Registry.AddFaultAsync("""{"kind":"throttle","count":5}""");

        Assert.Equal("throttle", (string?)Assert.Single(await registry.Registry.FaultRulesAsync())!["kind"]);
        Assert.Equal("ThrottlingException", (await client.CallAsync("ListModelPackageGroups")).ErrorCode);

        Assert.Empty(await registry.Registry.ClearFaultsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.CallAsync("ListModelPackageGroups")).Status);
    }

    [Theory]
    [InlineData("""{"kind":"explode"}""", "'kind'")]
    [InlineData("""{"rate":0.5}""", "'kind'")]
    [InlineData("""{"kind":"throttle","rate":1.5}""", "'rate'")]
    [InlineData("""{"kind":"throttle","count":0}""", "'count'")]
    [InlineData("""{"kind":"throttle","operation":7}""", "'operation'")]
    [InlineData("""{"kind":"latency"}""", "latencyMs")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{"kind":""", "")]
    public async Task A_bad_rule_is_rejected_with_a_reason(string rule, string reason)
    {
        using var response = await registry.Registry.PostFaultAsync(rule);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (string?)body["message"]);
        Assert.Empty(await registry.Registry.FaultRulesAsync());
    }

    [Theory]
    [InlineData("PUT", "/models/churn/v1/model.tar.gz", "", "s3", "PutObject")]
    [InlineData("GET", "/models/model.tar.gz", "", "s3", "GetObject")]
    [InlineData("PUT", "/models", "", "s3", "CreateBucket")]
    [InlineData("PUT", "/models", "?policy", "s3", "PutBucketPolicy")]
    [InlineData("DELETE", "/models", "?policy=", "s3", "DeleteBucketPolicy")]
    [InlineData("POST", "/", "?Action=GetCallerIdentity&Version=2011-06-15", "sts", "GetCallerIdentity")]
    [InlineData("POST", "/", "", "sagemaker", null)]
    public void Rules_match_the_operation_each_protocol_names(string method, string path, string query, string signingName, string? operation)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);

        Assert.Equal(operation, OperationName.Of(http.Request, [], signingName));
    }

    [Fact]
    public void Json_and_query_protocols_name_the_operation_in_the_target_and_the_form()
    {
        var json = new DefaultHttpContext();
        json.Request.Headers["X-Amz-Target"] = "SageMaker.CreateModelPackage";
        var form = new DefaultHttpContext();
        form.Request.ContentType = "application/x-www-form-urlencoded; charset=utf-8";

        Assert.Equal("CreateModelPackage", OperationName.Of(json.Request, [], "sagemaker"));
        Assert.Equal("AssumeRole", OperationName.Of(form.Request, Encoding.UTF8.GetBytes("Action=AssumeRole&Version=2011-06-15"), "sts"));
    }
}
