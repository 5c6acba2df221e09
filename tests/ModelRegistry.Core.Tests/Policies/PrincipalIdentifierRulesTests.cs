using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PrincipalIdentifierRulesTests
{
    [Theory]
    [InlineData("*")]
    [InlineData("222222222222")]
    [InlineData("arn:aws:iam::222222222222:root")]
    [InlineData("arn:aws:iam::222222222222:role/training")]
    [InlineData("arn:aws:iam::222222222222:role/service-role/path/SageMakerExecution")]
    [InlineData("arn:aws:iam::222222222222:user/alice@example.com")]
    [InlineData("arn:aws-cn:iam::222222222222:root")]
    [InlineData("arn:aws:sts::222222222222:assumed-role/training/session-1")]
    [InlineData("AROAEXAMPLEROLEID0001")]
    [InlineData("arn:aws:sts::222222222222:federated-user/alice")]
    public void Accepts_the_aws_principals_services_accept(string identifier) =>
        Assert.Null(PrincipalIdentifierRules.AwsProblem(identifier));

    [Theory]
    [InlineData("not-an-account")]
    [InlineData("arn:aws:iam::12:root")]
    [InlineData("22222222222")]
    [InlineData("2222222222222")]
    [InlineData("arn:aws:iam::222222222222:group/admins")]
    [InlineData("arn:aws:iam::222222222222:")]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:iam::*:root")]
    [InlineData("sagemaker.amazonaws.com")]
    [InlineData("")]
    public void Refuses_aws_principals_that_are_not_accounts_or_iam_arns(string identifier)
    {
        var problem = PrincipalIdentifierRules.AwsProblem(identifier);

        Assert.NotNull(problem);
        Assert.Contains("12-digit account id", problem);
    }

    [Fact]
    public void Finds_every_invalid_identifier_of_every_principal_type_with_its_path()
    {
        var policy = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":["222222222222","not-an-account"]},"Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::12:root","Service":"not a service"},"Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Deny","NotPrincipal":{"CanonicalUser":"abc","Federated":"cognito-identity.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"Service":["sagemaker.amazonaws.com","s3.amazonaws.com.cn"]},"Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"s3:GetObject","Resource":"*"}
            ]}
            """);

        var invalid = PrincipalIdentifierRules.FindInvalid(policy);

        Assert.Equal(
            new[]
            {
                ("Statement[0].Principal.AWS[1]", "not-an-account"),
                ("Statement[1].Principal.AWS", "arn:aws:iam::12:root"),
                ("Statement[1].Principal.Service", "not a service"),
                ("Statement[2].NotPrincipal.CanonicalUser", "abc"),
            },
            invalid.Select(i => (i.ElementPath, i.Identifier)));
        Assert.All(invalid, i => Assert.False(string.IsNullOrEmpty(i.Reason)));
    }

    [Fact]
    public void EnsureValid_names_the_first_invalid_principal_and_its_path()
    {
        var policy = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["222222222222","arn:aws:iam::12:root"]},"Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}""");

        var error = Assert.Throws<PolicyFormatException>(() => PrincipalIdentifierRules.EnsureValid(policy));

        Assert.Equal("Statement[0].Principal.AWS[1]", error.ElementPath);
        Assert.StartsWith("Statement[0].Principal.AWS[1] 'arn:aws:iam::12:root' is not an AWS principal", error.Message);
        PrincipalIdentifierRules.EnsureValid(PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*","Resource":"*"}]}"""));
    }
}
