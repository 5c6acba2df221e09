using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.LocalRegistry.Hosting;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>An account of the registry's documented seed set, with its keys.</summary>
public sealed record TestAccount(string AccountId, string AccessKeyId, string SecretAccessKey)
{
    public static readonly TestAccount Registry = new("111111111111", "AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111");
    public static readonly TestAccount Training = new("222222222222", "AKIALOCALTRAINING002", "LocalTrainingSecretKey2222222222222222222");
}

/// <summary>The real local registry (Kestrel on 127.0.0.1, port 0) running in the test process.</summary>
public sealed class RunningRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningRegistry(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static Task<RunningRegistry> StartAsync(string? dataDirectory = null) =>
        StartAsync(new LocalRegistryOptions { Port = 0, DataDirectory = dataDirectory });

    /// <param name="configureServices">Replaces registrations after the defaults, for example the clock.</param>
    public static async Task<RunningRegistry> StartAsync(LocalRegistryOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var app = RegistryHost.Build(options, configureServices);
        await app.StartAsync();
        return new RunningRegistry(app, RegistryHost.ListeningAddress(app));
    }

    public SageMakerTestClient Client(TestAccount? account = null, string region = "us-east-1") =>
        new(BaseAddress, account ?? TestAccount.Registry, region);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>xunit class fixture: one in-memory registry shared by the tests of a class.</summary>
public sealed class LocalRegistryFixture : IAsyncLifetime
{
    private RunningRegistry? _registry;

    public RunningRegistry Registry => _registry ?? throw new InvalidOperationException("The registry has not started.");

    public SageMakerTestClient Client(TestAccount? account = null, string region = "us-east-1") => Registry.Client(account, region);

    public async Task InitializeAsync() => _registry = await RunningRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}

/// <summary>A reply of the registry: status, JSON body and the AWS error code when it failed.</summary>
public sealed record AwsReply(HttpStatusCode Status, string Body, string? ErrorTypeHeader)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The error code as SDKs read it: the body's <c>__type</c> without a namespace prefix.</summary>
    public string? ErrorCode => Body.Length == 0 ? null : ((string?)Json["__type"])?.Split('#')[^1];

    public string? ErrorMessage => Body.Length == 0 ? null : (string?)Json["message"];
}

/// <summary>Sends SigV4-signed SageMaker JSON 1.1 requests the way the AWS SDKs do (POST /,
/// <c>X-Amz-Target</c>, <c>application/x-amz-json-1.1</c>), and raw requests for malformed cases.</summary>
public sealed class SageMakerTestClient(Uri baseAddress, TestAccount account, string region) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { { LoopbackGuard.AdminHeader, "tests" } },
    };

    public TestAccount Account => account;
    public string Region => region;

    public HttpClient Http => _http;

    public Task<AwsReply> CallAsync(string operation, JsonObject? input = null) =>
        SendAsync("SageMaker." + operation, Encoding.UTF8.GetBytes((input ?? []).ToJsonString()));

    /// <summary>Calls an operation that must succeed and returns its output.</summary>
    public async Task<JsonObject> ExpectAsync(string operation, JsonObject? input = null)
    {
        var reply = await CallAsync(operation, input);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{operation} failed: {(int)reply.Status} {reply.Body}");
        return reply.Json;
    }

    /// <summary>Calls an operation that must fail with <paramref name="errorCode"/> and returns the reply.</summary>
    public async Task<AwsReply> ExpectErrorAsync(string operation, JsonObject? input, string errorCode)
    {
        var reply = await CallAsync(operation, input);
        Assert.True(reply.ErrorCode == errorCode, $"{operation}: expected {errorCode}, got {(int)reply.Status} {reply.Body}");
        Assert.Equal(errorCode, reply.ErrorTypeHeader);
        return reply;
    }

    public async Task<AwsReply> SendAsync(string? target, byte[] body, bool sign = true, string contentType = "application/x-amz-json-1.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (sign)
        {
            TestSigner.Sign(request, body, account.AccessKeyId, account.SecretAccessKey, region, "sagemaker");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return new AwsReply(response.StatusCode, text, errorType);
    }

    public void Dispose() => _http.Dispose();
}
