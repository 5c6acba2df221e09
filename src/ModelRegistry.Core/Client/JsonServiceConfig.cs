using System;
using System.Collections.Generic;
using System.Reflection;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace ModelRegistry.Core.Client;

/// <summary>SDK configuration of one JSON 1.1 service: signing name, endpoint provider, defaults.</summary>
public sealed class JsonServiceConfig : ClientConfig
{
    private static readonly string ModuleVersion =
        typeof(JsonServiceConfig).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Told one line per call (<see cref="AwsConnection.Trace"/>).</summary>
    internal Action<string>? Trace { get; set; }

    public JsonServiceConfig(JsonServiceDescriptor service)
        : base(new DefaultConfigurationProvider(StandardRetryDefaults()))
    {
        Service = service;
        base.ServiceId = service.ServiceId;
        AuthenticationServiceName = service.SigningName;
        EndpointProvider = new JsonServiceEndpointProvider(service);
    }

    public JsonServiceDescriptor Service { get; }

    public override string RegionEndpointServiceName => Service.EndpointPrefix;

    public override string ServiceVersion => Service.ApiVersion;

    public override string UserAgent => $"ModelRegistry/{ModuleVersion}";

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        EndpointProvider.ResolveEndpoint(JsonServiceEndpointResolver.Parameters(this, parameters.AlternateEndpoint?.SystemName));

    /// <summary>Every defaults mode retries in standard mode (backoff, throttling codes, retry quota).</summary>
    private static IEnumerable<IDefaultConfiguration> StandardRetryDefaults()
    {
        foreach (var mode in new[]
        {
            DefaultConfigurationMode.Standard, DefaultConfigurationMode.InRegion,
            DefaultConfigurationMode.CrossRegion, DefaultConfigurationMode.Mobile, DefaultConfigurationMode.Auto,
        })
        {
            yield return new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard };
        }
    }
}
