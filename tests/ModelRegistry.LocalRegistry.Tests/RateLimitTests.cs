using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>Request-rate limits as SageMaker applies them: a token bucket per account, region and operation.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SteppedClock _clock = new();
    private RunningRegistry? _registry;

    private RunningRegistry Registry => _registry!;

    public async Task InitializeAsync()
    {
        var options = new LocalRegistryOptions { Port = 0 };
        options.RateLimits["CreateModelPackageGroup"] = 2;
        options.RateLimits["ListModelPackageGroups"] = 0.5;
        options.RateLimits["GetCallerIdentity"] = 1;
        options.RateLimits["CreateBucket"] = 1;
        _registry = await RunningRegistry.StartAsync(options, services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync() => await Registry.DisposeAsync();

    private static JsonObject Group(string name) => new() { ["ModelPackageGroupName"] = name };

    private static string NewName() => "limited-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_call_over_the_rate_gets_ThrottlingException_in_the_JSON_1_1_shape_and_takes_no_effect()
    {
        using var client = Registry.Client();
        await client.ExpectAsync("CreateModelPackageGroup", Group(NewName()));
        await client.ExpectAsync("CreateModelPackageGroup", Group(NewName()));

        var refused = NewName();
        var reply = await client.ExpectErrorAsync("CreateModelPackageGroup", Group(refused), "ThrottlingException");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("Rate exceeded", reply.ErrorMessage);
        await client.ExpectErrorAsync("DescribeModelPackageGroup", Group(refused), "ValidationException");
    }

    [Fact]
    public async Task The_bucket_refills_at_the_configured_rate()
    {
        using var client = Registry.Client();
        await client.ExpectAsync("ListModelPackageGroups");
        await client.ExpectErrorAsync("ListModelPackageGroups", null, "ThrottlingException");

        _clock.Advance(TimeSpan.FromSeconds(1.9));
        await client.ExpectErrorAsync("ListModelPackageGroups", null, "ThrottlingException");

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        await client.ExpectAsync("ListModelPackageGroups");
    }

    [Fact]
    public async Task Each_account_region_and_operation_has_its_own_bucket()
    {
        using var registryAccount = Registry.Client();
        await registryAccount.ExpectAsync("ListModelPackageGroups");
        await registryAccount.ExpectErrorAsync("ListModelPackageGroups", null, "ThrottlingException");

        using var otherAccount = Registry.Client(TestAccount.Training);
        await otherAccount.ExpectAsync("ListModelPackageGroups");
        using var otherRegion = Registry.Client(region: "eu-west-1");
        await otherRegion.ExpectAsync("ListModelPackageGroups");
        await registryAccount.ExpectAsync("CreateModelPackageGroup", Group(NewName()));

        // Operations without a limit are never throttled.
        for (var i = 0; i < 20; i++)
        {
            await registryAccount.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = "none" });
        }

        var counts = await AdminRateLimitsAsync(registryAccount);
        Assert.Equal(0.5, (double)counts["limits"]!["ListModelPackageGroups"]!);
        var buckets = counts["buckets"]!.AsArray()
            .Select(b => $"{b!["accountId"]}/{b["region"]}/{b["operation"]}: {b["admitted"]} admitted, {b["throttled"]} throttled")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "111111111111/eu-west-1/ListModelPackageGroups: 1 admitted, 0 throttled",
            "111111111111/us-east-1/CreateModelPackageGroup: 1 admitted, 0 throttled",
            "111111111111/us-east-1/ListModelPackageGroups: 1 admitted, 1 throttled",
            "222222222222/us-east-1/ListModelPackageGroups: 1 admitted, 0 throttled",
        ], buckets);
    }

    [Fact]
    public async Task Over_the_rate_STS_answers_Throttling_and_S3_a_503_SlowDown()
    {
        var credentials = new BasicAWSCredentials(TestAccount.Registry.AccessKeyId, TestAccount.Registry.SecretAccessKey);
        using var sts = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = Registry.BaseAddress.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        using var s3 = S3ServiceTests.Client(Registry, TestAccount.Registry);
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var refusedBucket = "limited-" + Guid.NewGuid().ToString("N")[..12];
        await S3ServiceTests.NewBucketAsync(s3);

        var stsError = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        var s3Error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutBucketAsync(refusedBucket));

        Assert.Equal("Throttling", stsError.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, stsError.StatusCode);
        Assert.Equal("SlowDown", s3Error.ErrorCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, s3Error.StatusCode);
        // Refused before it took effect: the bucket does not exist.
        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = refusedBucket, Key = "model.tar.gz", ContentBody = "x" }));
        Assert.Equal("NoSuchBucket", missing.ErrorCode);
    }

    [Fact]
    public async Task Fault_rules_apply_on_top_of_limits_and_the_calls_endpoint_counts_throttled_and_faulted_calls()
    {
        using var client = Registry.Client();
        await Registry.AddFaultAsync("""{"kind":"error500","count":1,"operation":"CreateModelPackageGroup"}""");

        var faulted = await client.CallAsync("CreateModelPackageGroup", Group(NewName()));
        await client.ExpectAsync("CreateModelPackageGroup", Group(NewName()));
        await client.ExpectErrorAsync("CreateModelPackageGroup", Group(NewName()), "ThrottlingException");

        Assert.Equal(HttpStatusCode.InternalServerError, faulted.Status);
        var calls = JsonNode.Parse(await client.Http.GetStringAsync("/_localregistry/calls"))!["calls"]!;
        Assert.Equal(3, (int?)calls["CreateModelPackageGroup"]);
    }

    private static async Task<JsonObject> AdminRateLimitsAsync(SageMakerTestClient client) =>
        JsonNode.Parse(await client.Http.GetStringAsync("/_localregistry/rate-limits"))!.AsObject();

    /// <summary>Real wall-clock time for request signing; a timestamp that moves only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, by.Ticks);
    }
}
