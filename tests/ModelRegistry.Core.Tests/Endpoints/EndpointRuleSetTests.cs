using ModelRegistry.Core.Endpoints;
using Xunit;

namespace ModelRegistry.Core.Tests.Endpoints;

/// <summary>Region × FIPS × dual-stack → endpoint, as botocore's endpoint-tests-1.json for each
/// service expects (every partition, the custom-endpoint rules and the errors).</summary>
public sealed class EndpointRuleSetTests
{
    private const string SageMaker = "sagemaker-2017-07-24";
    private const string Ecr = "ecr-2015-09-21";

    [Theory]
    [InlineData("us-east-1", false, false, "https://api.sagemaker.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", true, false, "https://api-fips.sagemaker.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", true, true, "https://api.sagemaker-fips.us-east-1.api.aws")]
    [InlineData("us-east-1", false, true, "https://api.sagemaker.us-east-1.api.aws")]
    [InlineData("us-west-2", true, false, "https://api-fips.sagemaker.us-west-2.amazonaws.com")]
    [InlineData("af-south-1", false, false, "https://api.sagemaker.af-south-1.amazonaws.com")]
    [InlineData("me-south-1", false, false, "https://api.sagemaker.me-south-1.amazonaws.com")]
    [InlineData("cn-north-1", false, false, "https://api.sagemaker.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", false, false, "https://api.sagemaker.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("cn-north-1", true, true, "https://api.sagemaker-fips.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData("cn-north-1", true, false, "https://api.sagemaker-fips.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-north-1", false, true, "https://api.sagemaker.cn-north-1.api.amazonwebservices.com.cn")]
    [InlineData("us-gov-west-1", false, false, "https://api.sagemaker.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-west-1", true, false, "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com")]
    [InlineData("us-gov-east-1", true, true, "https://api.sagemaker-fips.us-gov-east-1.api.aws")]
    [InlineData("us-gov-east-1", true, false, "https://api-fips.sagemaker.us-gov-east-1.amazonaws.com")]
    [InlineData("us-gov-east-1", false, true, "https://api.sagemaker.us-gov-east-1.api.aws")]
    [InlineData("us-gov-east-1", false, false, "https://api.sagemaker.us-gov-east-1.amazonaws.com")]
    [InlineData("us-iso-east-1", false, false, "https://api.sagemaker.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-iso-east-1", true, false, "https://api.sagemaker-fips.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-isob-east-1", true, false, "https://api.sagemaker-fips.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("us-isob-east-1", false, false, "https://api.sagemaker.us-isob-east-1.sc2s.sgov.gov")]
    public void SageMakerResolvesAsTheOfficialTestCases(string region, bool useFips, bool useDualStack, string expected) =>
        Assert.Equal(expected, Resolve(SageMaker, region, useFips, useDualStack));

    [Theory]
    [InlineData("us-east-1", false, false, "https://api.ecr.us-east-1.amazonaws.com")]
    [InlineData("cn-northwest-1", true, false, "https://api.ecr-fips.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", false, false, "https://api.ecr.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", false, false, "https://api.ecr.us-gov-west-1.amazonaws.com")]
    [InlineData("eusc-de-east-1", true, false, "https://api.ecr-fips.eusc-de-east-1.amazonaws.eu")]
    [InlineData("eusc-de-east-1", false, false, "https://api.ecr.eusc-de-east-1.amazonaws.eu")]
    [InlineData("us-iso-east-1", true, false, "https://api.ecr-fips.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-iso-east-1", false, false, "https://api.ecr.us-iso-east-1.c2s.ic.gov")]
    [InlineData("us-isob-east-1", true, false, "https://api.ecr-fips.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("us-isob-east-1", false, false, "https://api.ecr.us-isob-east-1.sc2s.sgov.gov")]
    [InlineData("eu-isoe-west-1", true, false, "https://api.ecr-fips.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("eu-isoe-west-1", false, false, "https://api.ecr.eu-isoe-west-1.cloud.adc-e.uk")]
    [InlineData("us-isof-south-1", true, false, "https://api.ecr-fips.us-isof-south-1.csp.hci.ic.gov")]
    [InlineData("us-isof-south-1", false, false, "https://api.ecr.us-isof-south-1.csp.hci.ic.gov")]
    public void EcrResolvesAsTheOfficialTestCases(string region, bool useFips, bool useDualStack, string expected) =>
        Assert.Equal(expected, Resolve(Ecr, region, useFips, useDualStack));

    [Theory]
    [InlineData(SageMaker)]
    [InlineData(Ecr)]
    public void A_custom_endpoint_is_used_as_is_with_or_without_a_region(string service)
    {
        Assert.Equal("https://example.com", Resolve(service, "us-east-1", false, false, "https://example.com"));
        Assert.Equal("https://example.com", Resolve(service, null, false, false, "https://example.com"));
    }

    [Theory]
    [InlineData(SageMaker, true, false, "Invalid Configuration: FIPS and custom endpoint are not supported")]
    [InlineData(SageMaker, false, true, "Invalid Configuration: Dualstack and custom endpoint are not supported")]
    [InlineData(Ecr, true, false, "Invalid Configuration: FIPS and custom endpoint are not supported")]
    [InlineData(Ecr, false, true, "Invalid Configuration: Dualstack and custom endpoint are not supported")]
    public void A_custom_endpoint_refuses_FIPS_and_dual_stack(string service, bool useFips, bool useDualStack, string message)
    {
        var error = Assert.Throws<EndpointRuleException>(() => Resolve(service, "us-east-1", useFips, useDualStack, "https://example.com"));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(SageMaker)]
    [InlineData(Ecr)]
    public void No_region_is_an_error(string service)
    {
        var error = Assert.Throws<EndpointRuleException>(() => EndpointRuleSet.Load(service).Resolve(new Dictionary<string, object?>()));
        Assert.Equal("Invalid Configuration: Missing Region", error.Message);
    }

    private static string Resolve(string service, string? region, bool useFips, bool useDualStack, string? endpoint = null) =>
        EndpointRuleSet.Load(service).Resolve(new Dictionary<string, object?>
        {
            ["Region"] = region,
            ["UseFIPS"] = useFips,
            ["UseDualStack"] = useDualStack,
            ["Endpoint"] = endpoint,
        });
}
