using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using ModelRegistry.Core.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class EndpointResolutionTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_explicit_url_wins_over_every_environment_variable()
    {
        var env = Environment(("AWS_ENDPOINT_URL_SAGEMAKER", "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        var endpoint = EndpointResolution.Resolve("SageMaker", "api.sagemaker", RegionEndpoint.USEast1, "http://127.0.0.1:9000", env);

        Assert.Equal(("http://127.0.0.1:9000", "EndpointUrl", true), (endpoint.Url, endpoint.Source, endpoint.IsOverride));
        Assert.Equal("EndpointUrl", EndpointResolution.Resolve(JsonServiceDescriptor.Ecr, RegionEndpoint.USEast1, "http://127.0.0.1:9000").Source);
    }

    [Theory]
    [InlineData("SageMaker", "AWS_ENDPOINT_URL_SAGEMAKER")]
    [InlineData("ECR", "AWS_ENDPOINT_URL_ECR")]
    [InlineData("S3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("Resource Groups Tagging API", "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API")]
    public void The_service_variable_wins_over_the_global_one(string serviceId, string variable)
    {
        var env = Environment((variable, "http://127.0.0.1:1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        var endpoint = EndpointResolution.Resolve(serviceId, "x", RegionEndpoint.USEast1, null, env);

        Assert.Equal(("http://127.0.0.1:1", variable), (endpoint.Url, endpoint.Source));
    }

    [Fact]
    public void The_global_variable_applies_when_no_service_variable_is_set()
    {
        var endpoint = EndpointResolution.Resolve("ECR", "api.ecr", RegionEndpoint.USEast1, " ", Environment(("AWS_ENDPOINT_URL", "http://127.0.0.1:2")));

        Assert.Equal(("http://127.0.0.1:2", "AWS_ENDPOINT_URL"), (endpoint.Url, endpoint.Source));
    }

    [Theory]
    [InlineData("api.sagemaker", "eu-central-1", "https://api.sagemaker.eu-central-1.amazonaws.com")]
    [InlineData("api.ecr", "us-west-2", "https://api.ecr.us-west-2.amazonaws.com")]
    [InlineData("api.sagemaker", "cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn")]
    [InlineData("api.ecr", "cn-northwest-1", "https://api.ecr.cn-northwest-1.amazonaws.com.cn")]
    public void Without_overrides_the_regional_endpoint_of_the_partition_applies(string prefix, string region, string expected)
    {
        var endpoint = EndpointResolution.Resolve("SageMaker", prefix, RegionEndpoint.GetBySystemName(region), null, Environment());

        Assert.Equal((expected, "Regional", false), (endpoint.Url, endpoint.Source, endpoint.IsOverride));
    }

    [Fact]
    public void Configured_endpoint_variables_are_ignored_when_AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_is_true()
    {
        var env = Environment(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:2"));

        Assert.False(EndpointResolution.Resolve("SageMaker", "api.sagemaker", RegionEndpoint.USEast1, null, env).IsOverride);
        Assert.True(EndpointResolution.Resolve("SageMaker", "api.sagemaker", RegionEndpoint.USEast1, "http://127.0.0.1:3", env).IsOverride);
    }

    [Theory]
    [InlineData("127.0.0.1:9000")]
    [InlineData("ftp://127.0.0.1")]
    public void A_url_that_is_not_absolute_http_is_rejected_naming_its_source(string url)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EndpointResolution.Resolve("SageMaker", "api.sagemaker", RegionEndpoint.USEast1, null, Environment(("AWS_ENDPOINT_URL_SAGEMAKER", url))));

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
}
