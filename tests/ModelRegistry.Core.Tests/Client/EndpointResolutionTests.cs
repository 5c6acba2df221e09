using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Endpoints;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class EndpointResolutionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static AwsConnection Connection(RegionEndpoint region, string? endpointUrl = null, bool useFips = false, bool useDualStack = false, SharedConfigProfile? profile = null) =>
        new(new AnonymousAWSCredentials(), region, endpointUrl, endpointOptions: new EndpointOptions(useFips, useDualStack, profile));

    [Fact]
    public void The_explicit_url_wins_over_every_environment_variable()
    {
        var env = Environment(("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        var endpoint = EndpointResolution.Resolve(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, "http://127.0.0.1:9000"), env);

        Assert.Equal(("http://127.0.0.1:9000", "EndpointUrl", true), (endpoint.Url, endpoint.Source, endpoint.IsOverride));
        Assert.Equal("EndpointUrl", EndpointResolution.Resolve(JsonServiceDescriptor.Ecr, Connection(RegionEndpoint.USEast1, "http://127.0.0.1:9000")).Source);
    }

    [Theory]
    [InlineData("SageMaker", "AWS_ENDPOINT_URL_SAGEMAKER")]
    [InlineData("ECR", "AWS_ENDPOINT_URL_ECR")]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("Resource Groups Tagging API", "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API")]
    public void The_service_variable_wins_over_the_global_one(string serviceId, string variable)
    {
        var env = Environment((variable, "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        var endpoint = EndpointResolution.ResolveOverride(serviceId, null, env)!;

        Assert.Equal(("http://127.0.0.1:1", variable), (endpoint.Url, endpoint.Source));
    }

    [Fact]
    public void The_global_variable_applies_when_no_service_variable_is_set()
    {
        var endpoint = EndpointResolution.Resolve(JsonServiceDescriptor.Ecr, Connection(RegionEndpoint.USEast1, " "), Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:2")));

        Assert.Equal(("http://127.0.0.1:2", "AWS_ENDPOINT_URL"), (endpoint.Url, endpoint.Source));
    }

    [Theory]
    [InlineData("SageMaker", "eu-central-1", "https://api.sagemaker.eu-central-1.amazonaws.com")]
    [InlineData("ECR", "us-west-2", "https://api.ecr.us-west-2.amazonaws.com")]
    [InlineData("SageMaker", "cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn")]
    [InlineData("ECR", "cn-northwest-1", "https://api.ecr.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("SageMaker", "us-iso-east-1", "https://api.sagemaker.us-iso-east-1.c2s.ic.gov")]
    public void Without_overrides_the_regional_endpoint_of_the_partition_applies(string serviceId, string region, string expected)
    {
        var service = serviceId == "ECR" ? JsonServiceDescriptor.Ecr : JsonServiceDescriptor.SageMaker;
        var endpoint = EndpointResolution.Resolve(service, Connection(RegionEndpoint.GetBySystemName(region)), Environment());

        Assert.Equal((expected, "Regional", false), (endpoint.Url, endpoint.Source, endpoint.IsOverride));
    }

    [Fact]
    public void Configured_endpoint_variables_are_ignored_when_AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_is_true()
    {
        var env = Environment(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        Assert.False(EndpointResolution.Resolve(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1), env).IsOverride);
        Assert.True(EndpointResolution.Resolve(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, "http://127.0.0.1:3"), env).IsOverride);
    }

    [Theory]
    [InlineData("127.0.0.1:9000")]
    [InlineData("ftp://127.0.0.1")]
    public void A_url_that_is_not_absolute_http_is_rejected_naming_its_source(string url)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EndpointResolution.ResolveOverride("SageMaker", null, Environment(("AWS_ENDPOINT_URL_SAGEMAKER", url))));

        Assert.StartsWith("AWS_ENDPOINT_URL_SAGEMAKER: '" + url + "'", error.Message);
    }

    [Fact]
    public void An_override_keeps_the_configured_region_as_the_signing_region()
    {
        var config = new JsonServiceConfig(JsonServiceDescriptor.SageMaker);
        var connection = new AwsConnection(new AnonymousAWSCredentials(), RegionEndpoint.APSoutheast2, "http://127.0.0.1:9000", maxErrorRetry: 5, timeout: TimeSpan.FromSeconds(7));

        EndpointResolution.Apply(config, "SageMaker", connection, Environment());

        Assert.Equal("http://127.0.0.1:9000/", config.ServiceURL);
        Assert.Equal("ap-southeast-2", config.AuthenticationRegion);
        Assert.Equal("sagemaker", config.AuthenticationServiceName);
        Assert.Equal((5, TimeSpan.FromSeconds(7)), (config.MaxErrorRetry, config.Timeout!.Value));
        Assert.True(config.IgnoreConfiguredEndpointUrls);
        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
    }

    [Fact]
    public void Without_an_override_the_config_resolves_the_regional_endpoint()
    {
        var config = new JsonServiceConfig(JsonServiceDescriptor.Ecr);

        EndpointResolution.Apply(config, "ECR", new AwsConnection(new AnonymousAWSCredentials(), RegionEndpoint.CNNorth1), Environment());

        Assert.Null(config.ServiceURL);
        Assert.Equal(RegionEndpoint.CNNorth1, config.RegionEndpoint);
        var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new JsonServiceRequest("DescribeRepositories", new JsonObject())));
        Assert.Equal("https://api.ecr.cn-north-1.amazonaws.com.cn", endpoint.URL);
    }

    [Theory]
    [InlineData("us-east-1", true, false, "https://api-fips.sagemaker.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", false, true, "https://api.sagemaker.us-east-1.api.aws")]
    [InlineData("us-gov-west-1", true, false, "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com")]
    public void Fips_and_dual_stack_reach_the_client_config_and_its_endpoint(string region, bool useFips, bool useDualStack, string expected)
    {
        var config = new JsonServiceConfig(JsonServiceDescriptor.SageMaker);

        EndpointResolution.Apply(config, "SageMaker", Connection(RegionEndpoint.GetBySystemName(region), useFips: useFips, useDualStack: useDualStack), Environment());

        var endpoint = config.DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new JsonServiceRequest("ListModelPackageGroups", new JsonObject())));
        Assert.Equal(expected, endpoint.URL);
    }

    [Fact]
    public void Fips_with_an_endpoint_override_is_refused_as_the_rule_set_says()
    {
        var error = Assert.Throws<EndpointRuleException>(() =>
            EndpointResolution.Resolve(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, "http://127.0.0.1:9000", useFips: true), Environment()));

        Assert.Equal("Invalid Configuration: FIPS and custom endpoint are not supported", error.Message);
    }

    [Fact]
    public void The_shared_config_services_section_and_endpoint_url_take_their_places_in_the_order()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                [default]
                region = us-east-1

                [profile dev]
                services = local
                endpoint_url = http://127.0.0.1:5

                [services local]
                sagemaker =
                  endpoint_url = http://127.0.0.1:4
                sts =
                  endpoint_url = http://127.0.0.1:6
                """);
            var profile = SharedConfigProfile.Read("dev", file)!;

            Assert.Equal("http://127.0.0.1:4", EndpointResolution.ResolveOverride("SageMaker", null, Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:2")), profile)!.Url);
            Assert.Equal("http://127.0.0.1:1", EndpointResolution.ResolveOverride("SageMaker", null, Environment(("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:1")), profile)!.Url);
            Assert.Equal("http://127.0.0.1:2", EndpointResolution.ResolveOverride("ECR", null, Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:2")), profile)!.Url);
            Assert.Equal("http://127.0.0.1:5", EndpointResolution.ResolveOverride("ECR", null, Environment(), profile)!.Url);
            Assert.Equal("http://127.0.0.1:6", EndpointResolution.ResolveOverride("STS", null, Environment(), profile)!.Url);
            Assert.Null(EndpointResolution.ResolveOverride("ECR", null, Environment(), SharedConfigProfile.Read("default", file)));
            Assert.Null(SharedConfigProfile.Read("missing", file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
