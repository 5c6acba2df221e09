using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Model;

public sealed class RegistryArnTests
{
    [Fact]
    public void Parses_a_model_version_arn()
    {
        var arn = RegistryArn.Parse("arn:aws:sagemaker:us-east-2:111111111111:model-package/iris-models/12");

        Assert.Equal("aws", arn.Partition);
        Assert.Equal("us-east-2", arn.Region);
        Assert.Equal("111111111111", arn.AccountId);
        Assert.Equal(RegistryArn.PackageType, arn.ResourceType);
        Assert.Equal("iris-models", arn.GroupName);
        Assert.Equal(12, arn.Version);
        Assert.True(arn.IsModelVersion);
        Assert.False(arn.IsModelGroup);
    }

    [Fact]
    public void Parses_a_model_group_arn_in_another_partition()
    {
        var arn = RegistryArn.Parse("arn:aws-cn:sagemaker:cn-north-1:222222222222:model-package-group/iris");

        Assert.Equal("aws-cn", arn.Partition);
        Assert.True(arn.IsModelGroup);
        Assert.Equal("iris", arn.GroupName);
        Assert.Null(arn.Version);
        Assert.Equal("arn:aws-cn:sagemaker:cn-north-1:222222222222:model-package/iris/*", arn.AllVersionsPattern);
    }

    [Theory]
    [InlineData("iris-models")]
    [InlineData("arn:aws:s3:::bucket/key")]
    [InlineData("arn:aws:sagemaker:us-east-1:1111:model-package/iris/1")]
    [InlineData("arn:aws:sagemaker:us-east-1:111111111111:model-package-group")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_what_is_not_a_SageMaker_arn(string? value)
    {
        Assert.False(RegistryArn.TryParse(value, out var arn));
        Assert.Null(arn);
    }

    [Fact]
    public void An_unversioned_package_is_not_a_model_version()
    {
        var arn = RegistryArn.Parse("arn:aws:sagemaker:us-east-1:111111111111:model-package/my-package");

        Assert.False(arn.IsModelVersion);
        Assert.Null(arn.Version);
    }

    [Fact]
    public void Builds_arns_with_lower_case_names_as_SageMaker_does()
    {
        Assert.Equal("arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/iris-models",
            RegistryArn.ForGroup("eu-west-1", "111111111111", "Iris-Models").ToString());
        Assert.Equal("arn:aws:sagemaker:eu-west-1:111111111111:model-package/iris-models/3",
            RegistryArn.ForVersion("eu-west-1", "111111111111", "Iris-Models", 3).ToString());
    }

    [Fact]
    public void Round_trips_through_ToString()
    {
        const string text = "arn:aws:sagemaker:us-east-1:111111111111:model-package/iris/7";
        Assert.Equal(text, RegistryArn.Parse(text).ToString());
    }
}
