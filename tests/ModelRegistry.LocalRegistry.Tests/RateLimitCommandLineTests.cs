using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

public sealed class RateLimitCommandLineTests
{
    [Fact]
    public void Rate_limit_is_repeatable_and_spells_operations_as_the_model_does()
    {
        var options = CommandLine.Parse(["--rate-limit", "createmodelpackage=10", "--rate-limit", "DescribeModelPackage=2.5"]);

        Assert.Equal(new Dictionary<string, double> { ["CreateModelPackage"] = 10, ["DescribeModelPackage"] = 2.5 }, options.RateLimits);
    }

    [Theory]
    [InlineData("CreateModelPackage", "Operation=requests-per-second")]
    [InlineData("CreateModelPackage=", "positive number")]
    [InlineData("CreateModelPackage=0", "positive number")]
    [InlineData("CreateModelPackage=-3", "positive number")]
    [InlineData("CreateModelPackage=ten", "positive number")]
    [InlineData("CreateModelPackage=Infinity", "positive number")]
    [InlineData("CreateTrainingJob=5", "is not an operation")]
    public void A_bad_rate_limit_is_refused_with_a_message_naming_the_option(string value, string rule)
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["--rate-limit", value]));

        Assert.StartsWith("'--rate-limit'", error.Message);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void The_same_operation_twice_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(["--rate-limit", "CreateModelPackage=1", "--rate-limit", "createModelPackage=2"]));

        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public async Task The_server_process_throttles_what_its_command_line_limits()
    {
        using var registry = await RegistryProcess.StartAsync("--port", "0", "--rate-limit", "ListModelPackageGroups=1");
        using var client = registry.Client();

        await client.ExpectAsync("ListModelPackageGroups");
        var throttled = await client.ExpectErrorAsync("ListModelPackageGroups", null, "ThrottlingException");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, throttled.Status);
    }
}
