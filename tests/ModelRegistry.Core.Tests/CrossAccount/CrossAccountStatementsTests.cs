using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using Xunit;

namespace ModelRegistry.Core.Tests.CrossAccount;

/// <summary>The model group statements of Set-MRGroupPolicy and Grant-MRCrossAccountAccess, and what a
/// model group policy must allow: version actions on the versions, group actions on the group.</summary>
public sealed class CrossAccountStatementsTests
{
    private const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/iris-models";
    private const string VersionsArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/iris-models/*";

    private static readonly CrossAccountGrant Grant = new(
        "111111111111", "222222222222", "Iris-Models", "iris-inference", "training-artifacts", "models/", "1234abcd-12ab-34cd-56ef-1234567890ab", "us-east-1");

    [Fact]
    public void A_statement_of_version_actions_is_about_the_versions_only()
    {
        var statement = CrossAccountStatements.ForModelGroup("Register", ["222222222222"], [CrossAccountStatements.RegisterAction, "sagemaker:DescribeModelPackage"], GroupArn);

        Assert.Equal([VersionsArn], statement.Resources);
        Assert.Equal(["arn:aws:iam::222222222222:root"], statement.Principal!.Aws);
        Assert.Equal(PolicyEffect.Allow, statement.Effect);
    }

    [Theory]
    [InlineData("sagemaker:DescribeModelPackageGroup")]
    [InlineData("sagemaker:Describe*")]
    public void A_statement_with_an_action_on_the_group_lists_the_group_too(string action)
    {
        var statement = CrossAccountStatements.ForModelGroup("Read", ["222222222222", "333333333333"], [CrossAccountStatements.RegisterAction, action], GroupArn);

        Assert.Equal([GroupArn, VersionsArn], statement.Resources);
        Assert.Equal(["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"], statement.Principal!.Aws);
    }

    [Fact]
    public void A_statement_lists_each_action_once()
    {
        var statement = CrossAccountStatements.ForModelGroup("Register", ["222222222222"], ["sagemaker:CreateModelPackage", "SageMaker:createmodelpackage"], GroupArn);

        Assert.Equal(["sagemaker:CreateModelPackage"], statement.Actions);
    }

    [Fact]
    public void A_statement_needs_an_account_and_a_model_group_ARN()
    {
        Assert.Equal("At least one account is required. (Parameter 'accountIds')",
            Assert.Throws<ArgumentException>(() => CrossAccountStatements.ForModelGroup("Register", [], [CrossAccountStatements.RegisterAction], GroupArn)).Message);
        Assert.StartsWith($"'{VersionsArn}' is not a model group ARN.",
            Assert.Throws<ArgumentException>(() => CrossAccountStatements.VersionsOf(VersionsArn)).Message);
        Assert.StartsWith("'iris-models' is not a model group ARN.", Assert.Throws<ArgumentException>(() => CrossAccountStatements.VersionsOf("iris-models")).Message);
    }

    [Fact]
    public void The_Sid_for_a_set_of_accounts_does_not_depend_on_their_order()
    {
        Assert.Equal("ModelRegistryCrossAccountRegister222222222222333333333333", CrossAccountStatements.RegisterSidFor(["333333333333", "222222222222"]));
        Assert.Equal(CrossAccountStatements.RegisterSidFor(["222222222222", "333333333333"]), CrossAccountStatements.RegisterSidFor(["333333333333", "222222222222"]));
    }

    [Fact]
    public void The_KMS_grant_has_no_policy_statements_and_a_set_up_is_required()
    {
        Assert.Empty(CrossAccountStatements.For(Grant, ResourceKind.KmsGrant));
        Assert.Throws<ArgumentNullException>(() => CrossAccountStatements.For(null!, ResourceKind.BucketPolicy));
    }

    [Fact]
    public void Without_a_policy_the_training_account_lacks_each_action_on_its_own_kind_of_resource()
    {
        Assert.Equal(
            [
                $"sagemaker:CreateModelPackage on {VersionsArn}", $"sagemaker:DescribeModelPackage on {VersionsArn}",
                $"sagemaker:ListModelPackages on {VersionsArn}", $"sagemaker:DescribeModelPackageGroup on {GroupArn}",
            ],
            CrossAccountPlanner.MissingPermissions(Grant, ResourceKind.ModelGroupPolicy, null));
    }

    [Fact]
    public void A_hand_written_policy_granting_each_action_only_on_its_own_kind_of_resource_is_enough()
    {
        var policy = PolicyDocument.Parse($$"""
            {"Statement":[
              {"Sid":"Versions","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":["sagemaker:CreateModelPackage","sagemaker:DescribeModelPackage","sagemaker:ListModelPackages"],"Resource":"{{VersionsArn}}"},
              {"Sid":"Group","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sagemaker:DescribeModelPackageGroup","Resource":"{{GroupArn}}"}]}
            """);

        Assert.Empty(CrossAccountPlanner.MissingPermissions(Grant, ResourceKind.ModelGroupPolicy, policy));
    }

    [Fact]
    public void Merging_needs_statements()
    {
        Assert.Equal("statements", Assert.Throws<ArgumentNullException>(() => PolicyMerge.Merge(null, null!)).ParamName);
    }
}
