using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Faults;
using ModelRegistry.LocalRegistry.Services.SageMaker;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Builds the local registry: Kestrel on 127.0.0.1, admin endpoints, and one dispatcher that
/// serves every emulated AWS service.</summary>
public static class RegistryHost
{
    // The largest object S3 PutObject keeps, plus room for aws-chunked signatures and trailers; a
    // larger body is refused by Kestrel before it is read into memory.
    private const long MaxRequestBodyBytes = Services.S3.S3ObjectOperations.MaxObjectBytes + (1L << 20);

    /// <param name="configureServices">Lets tests replace registrations (for example the clock) after the defaults.</param>
    public static WebApplication Build(LocalRegistryOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // Stdout carries exactly one line ("Listening on ...") for the parent process; logs go to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A start that fails (the port is taken) is reported by Program in one line, cause first; the host's
        // own "Hosting failed to start" entry would follow it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });

        AddRegistryServices(builder.Services, options);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        AdminEndpoints.Map(app);
        var dispatcher = app.Services.GetRequiredService<RequestDispatcher>();

        // Every other path and method is an AWS call (S3 keys may look like file names, so no "nonfile" constraint).
        app.MapFallback("{**path}", dispatcher.DispatchAsync);
        return app;
    }

    /// <summary>The address Kestrel bound, with the real port when <see cref="LocalRegistryOptions.Port"/> was 0.</summary>
    public static Uri ListeningAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The registry has not started listening.");
        return new Uri(address);
    }

    private static void AddRegistryServices(IServiceCollection services, LocalRegistryOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        if (options.DataDirectory is null)
        {
            services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        }
        else
        {
            services.AddSingleton<IDocumentStore>(_ => new SqliteDocumentStore(options.DataDirectory));
        }

        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestRateLimiter>();
        services.AddSingleton<CallCounter>();
        services.AddSingleton<RequestDispatcher>();
        services.AddHostedService<ParentProcessWatcher>();
        services.AddSingleton<IAwsService, SageMakerService>();
        AuthServiceRegistration.AddAuthAndPeerServices(services, options);
    }
}
