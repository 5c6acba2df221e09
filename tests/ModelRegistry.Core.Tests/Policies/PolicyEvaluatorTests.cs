using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PolicyEvaluatorTests
{
    private const string RegistryAccount = "111111111111";
    private const string TrainingAccount = "222222222222";
    private const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn-models";
    private const string VersionArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/3";
    private const string TrainingUser = "arn:aws:iam::222222222222:user/ci";

    [Fact]
    public void Account_root_principal_allows_any_caller_of_that_account_and_names_the_statement()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        var evaluation = PolicyEvaluator.Evaluate(policy, Training("sagemaker:CreateModelPackage", VersionArn));

        Assert.Equal(PolicyDecision.Allow, evaluation.Decision);
        Assert.Contains("'AddPermModelPackageVersionCrossAccount'", evaluation.Reason);
    }

    [Fact]
    public void Bare_account_id_principal_is_the_same_as_its_root_arn()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerDiscoverability);

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackageGroup", GroupArn)).Decision);
    }

    [Fact]
    public void Callers_from_other_accounts_are_not_covered()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        var evaluation = PolicyEvaluator.Evaluate(policy, new AccessRequest("333333333333", "arn:aws:iam::333333333333:root", "sagemaker:DescribeModelPackageGroup", GroupArn));

        Assert.Equal(PolicyDecision.NotApplicable, evaluation.Decision);
        Assert.Equal($"No statement allows sagemaker:DescribeModelPackageGroup on {GroupArn} to arn:aws:iam::333333333333:root.", evaluation.Reason);
    }

    [Fact]
    public void Actions_not_listed_are_not_allowed()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DeleteModelPackageGroup", GroupArn)).Decision);
    }

    [Theory]
    [InlineData("arn:aws:iam::222222222222:user/push-pull-user-1", PolicyDecision.Allow)]
    [InlineData("arn:aws:iam::222222222222:user/someone-else", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:iam::222222222222:root", PolicyDecision.NotApplicable)]
    public void User_arn_principals_match_only_that_user(string callerArn, PolicyDecision expected)
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.EcrPushPullForUsers);

        var request = new AccessRequest(TrainingAccount, callerArn, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/churn");

        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, request).Decision);
    }

    [Theory]
    [InlineData("arn:aws:sts::222222222222:assumed-role/ModelDeployer/session-1", PolicyDecision.Allow)]
    [InlineData("arn:aws:iam::222222222222:role/ModelDeployer", PolicyDecision.Allow)]
    [InlineData("arn:aws:sts::222222222222:assumed-role/Other/session-1", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:sts::333333333333:assumed-role/ModelDeployer/session-1", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws-cn:sts::222222222222:assumed-role/ModelDeployer/session-1", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:iam::222222222222:assumed-role/ModelDeployer/session-1", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:sts::222222222222:federated-user/ModelDeployer", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:sts::222222222222:assumed-role", PolicyDecision.NotApplicable)]
    [InlineData("arn:aws:sts::222222222222", PolicyDecision.NotApplicable)]
    public void Role_principals_cover_sessions_of_that_role(string callerArn, PolicyDecision expected)
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.KmsConsoleKeyUsers);
        var account = callerArn.Split(':')[4];

        var request = new AccessRequest(account, callerArn, "kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");

        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, request).Decision);
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("""{"AWS":"*"}""")]
    [InlineData("""{"AWS":["333333333333","*"]}""")]
    public void Wildcard_principals_match_everyone(string principal)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"sagemaker:ListModelPackages","Resource":"*"}]}""");

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:ListModelPackages", GroupArn)).Decision);
    }

    [Fact]
    public void Service_principals_match_the_calling_service()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.EcrServicePull);
        var context = new Dictionary<string, string> { ["aws:SourceAccount"] = RegistryAccount };
        var repository = "arn:aws:ecr:us-east-1:111111111111:repository/churn";

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, new AccessRequest(RegistryAccount, "sagemaker.amazonaws.com", "ecr:BatchGetImage", repository, context)).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, new AccessRequest(RegistryAccount, "lambda.amazonaws.com", "ecr:BatchGetImage", repository, context)).Decision);
    }

    [Theory]
    [InlineData("sagemaker:*", "sagemaker:DescribeModelPackage", true)]
    [InlineData("sagemaker:Describe*", "sagemaker:DescribeModelPackageGroup", true)]
    [InlineData("sagemaker:Describe*", "sagemaker:ListModelPackages", false)]
    [InlineData("SageMaker:describemodelpackage", "sagemaker:DescribeModelPackage", true)]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("s3:GetObjec?", "s3:GetObject", true)]
    [InlineData("s3:GetObjec?", "s3:GetObjectAcl", false)]
    [InlineData("s3:*Object*", "s3:GetObjectVersion", true)]
    [InlineData("*", "kms:Decrypt", true)]
    [InlineData("kms:*", "kmsx:Decrypt", false)]
    public void Action_wildcards_are_case_insensitive(string pattern, string action, bool allowed)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"{{pattern}}"}]}""");

        var decision = PolicyEvaluator.Evaluate(policy, Training(action, GroupArn)).Decision;

        Assert.Equal(allowed ? PolicyDecision.Allow : PolicyDecision.NotApplicable, decision);
    }

    [Theory]
    [InlineData("arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/*", VersionArn, true)]
    [InlineData("arn:aws:sagemaker:us-east-1:111111111111:model-package/Churn-Models/*", VersionArn, false)]
    [InlineData("arn:aws:sagemaker:*:111111111111:model-package/churn-models/?", VersionArn, true)]
    [InlineData("arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn-models", VersionArn, false)]
    [InlineData("*", VersionArn, true)]
    public void Resource_wildcards_are_case_sensitive(string pattern, string resource, bool allowed)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sagemaker:*","Resource":"{{pattern}}"}]}""");

        var decision = PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", resource)).Decision;

        Assert.Equal(allowed ? PolicyDecision.Allow : PolicyDecision.NotApplicable, decision);
    }

    [Fact]
    public void NotAction_allows_everything_except_the_listed_actions()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Sid":"AllButDelete","Effect":"Allow","Principal":{"AWS":"222222222222"},"NotAction":["sagemaker:Delete*"],"Resource":"*"}]}""");

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DeleteModelPackage", VersionArn)).Decision);
    }

    [Fact]
    public void NotResource_covers_every_resource_except_the_listed_ones()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"sagemaker:*","NotResource":"arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/*"}]}""");

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.ExplicitDeny, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackageGroup", GroupArn)).Decision);
    }

    [Fact]
    public void NotAction_with_several_patterns_excludes_an_action_any_of_them_names()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":["sagemaker:Delete*","sagemaker:Update*"],"Resource":"*"}]}""");

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DeleteModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:UpdateModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn)).Decision);
    }

    [Fact]
    public void NotResource_with_several_patterns_excludes_a_resource_any_of_them_names()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sagemaker:*","NotResource":["arn:aws:sagemaker:*:*:model-package/churn-models/*","arn:aws:sagemaker:*:*:model-package/fraud/*"]}]}""");

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn.Replace("churn-models", "fraud"))).Decision);
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackageGroup", GroupArn)).Decision);
    }

    [Theory]
    [InlineData("900000000000", "900000000000", PolicyDecision.Allow)]
    [InlineData("100000000009", "100000000009", PolicyDecision.Allow)]
    [InlineData("100000000009", "100000000008", PolicyDecision.NotApplicable)]
    [InlineData("10000000000", "10000000000", PolicyDecision.NotApplicable)]
    [InlineData("1000000000000", "1000000000000", PolicyDecision.NotApplicable)]
    [InlineData("10000000000a", "10000000000a", PolicyDecision.NotApplicable)]
    [InlineData("10000000000/", "10000000000/", PolicyDecision.NotApplicable)]
    [InlineData("10000000000:", "10000000000:", PolicyDecision.NotApplicable)]
    public void A_bare_principal_is_an_account_only_when_it_is_twelve_digits(string principal, string callerAccount, PolicyDecision expected)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"sagemaker:*","Resource":"*"}]}""");

        var request = new AccessRequest(callerAccount, $"arn:aws:iam::{callerAccount}:user/ci", "sagemaker:DescribeModelPackage", VersionArn);

        Assert.Equal(expected, PolicyEvaluator.Evaluate(policy, request).Decision);
    }

    [Theory]
    [InlineData("arn:aws:iam::222222222222:user/ModelDeployer")]
    [InlineData("arn:aws:iam::222222222222:role/")]
    public void Only_a_role_principal_covers_assumed_role_sessions(string principal)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"{{principal}}"},"Action":"kms:*","Resource":"*"}]}""");

        var session = new AccessRequest(TrainingAccount, "arn:aws:sts::222222222222:assumed-role/ModelDeployer/s", "kms:Decrypt", "*");
        var emptyRoleName = new AccessRequest(TrainingAccount, "arn:aws:sts::222222222222:assumed-role//s", "kms:Decrypt", "*");

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, session).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, emptyRoleName).Decision);
    }

    [Theory]
    [InlineData("Federated", "cognito-identity.amazonaws.com")]
    [InlineData("CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")]
    [InlineData("Service", "sagemaker.amazonaws.com")]
    public void Federated_canonical_user_and_service_principals_match_only_that_caller(string kind, string identifier)
    {
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":{"{{kind}}":["other","{{identifier}}"]},"Action":"s3:GetObject","Resource":"*"}]}""");

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, new AccessRequest(RegistryAccount, identifier, "s3:GetObject", "arn:aws:s3:::b/k")).Decision);
        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(policy, new AccessRequest(RegistryAccount, identifier + "x", "s3:GetObject", "arn:aws:s3:::b/k")).Decision);
    }

    [Fact]
    public void NotPrincipal_deny_applies_to_everyone_except_the_named_account()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Sid":"OnlyRegistry","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}]}""");
        const string key = "arn:aws:kms:us-east-1:111111111111:key/k";

        var training = PolicyEvaluator.Evaluate(policy, Training("kms:Decrypt", key));
        var registry = PolicyEvaluator.Evaluate(policy, new AccessRequest(RegistryAccount, "arn:aws:iam::111111111111:user/admin", "kms:Decrypt", key));

        Assert.Equal(PolicyDecision.ExplicitDeny, training.Decision);
        Assert.Contains("Statement 'OnlyRegistry' explicitly denies kms:Decrypt", training.Reason);
        Assert.Equal(PolicyDecision.NotApplicable, registry.Decision);
    }

    [Fact]
    public void Explicit_deny_wins_over_an_earlier_allow()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"AllowAll","Effect":"Allow","Principal":"*","Action":"sagemaker:*","Resource":"*"},
              {"Effect":"Deny","Principal":{"AWS":"222222222222"},"Action":"sagemaker:DeleteModelPackage","Resource":"*"}]}
            """);

        var evaluation = PolicyEvaluator.Evaluate(policy, Training("sagemaker:DeleteModelPackage", VersionArn));

        Assert.Equal(PolicyDecision.ExplicitDeny, evaluation.Decision);
        Assert.StartsWith("Statement[1] explicitly denies sagemaker:DeleteModelPackage", evaluation.Reason);
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:DescribeModelPackage", VersionArn)).Decision);
    }

    [Fact]
    public void A_statement_without_Resource_applies_to_the_resource_the_policy_is_attached_to()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.EcrPushPullForUsers);

        var request = new AccessRequest(TrainingAccount, "arn:aws:iam::222222222222:user/push-pull-user-2", "ecr:PutImage", "arn:aws:ecr:us-east-1:111111111111:repository/anything");

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, request).Decision);
    }

    [Fact]
    public void An_empty_policy_does_not_apply()
    {
        var evaluation = PolicyEvaluator.Evaluate(PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[]}"""), Training("s3:GetObject", "arn:aws:s3:::b/k"));

        Assert.Equal(PolicyDecision.NotApplicable, evaluation.Decision);
    }

    [Fact]
    public void Unsupported_condition_operator_makes_an_allow_grant_nothing_and_says_why()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[{"Sid":"FromOffice","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
              "Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
            """);

        var evaluation = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k"));

        Assert.Equal(PolicyDecision.NotApplicable, evaluation.Decision);
        Assert.Contains("Statement 'FromOffice' does not grant access: Condition operator 'IpAddress' is not supported by the local registry (key 'aws:SourceIp')", evaluation.Reason);
        Assert.Contains("Condition operator 'IpAddress'", Assert.Single(evaluation.UnsupportedConditions));
    }

    [Fact]
    public void Unsupported_condition_operator_in_a_deny_still_denies_and_says_why()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
              {"Sid":"NotFromOffice","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}
            """);

        var evaluation = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k"));

        Assert.Equal(PolicyDecision.ExplicitDeny, evaluation.Decision);
        Assert.Contains("Statement 'NotFromOffice'", evaluation.Reason);
        Assert.Contains("Condition operator 'NotIpAddress' is not supported by the local registry", evaluation.Reason);
        Assert.Contains("Condition operator 'NotIpAddress'", Assert.Single(evaluation.UnsupportedConditions));
    }

    [Fact]
    public void A_false_supported_condition_outweighs_an_unsupported_one()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
              "Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"},"StringEquals":{"aws:SourceAccount":"999999999999"}}}]}
            """);

        var evaluation = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k", ("aws:SourceAccount", TrainingAccount)));

        Assert.Equal(PolicyDecision.NotApplicable, evaluation.Decision);
    }

    [Theory]
    [InlineData("StringEquals", "aws:SourceAccount", "\"222222222222\"", "222222222222", true)]
    [InlineData("StringEquals", "aws:SourceAccount", "[\"1\",\"222222222222\"]", "222222222222", true)]
    [InlineData("StringEquals", "aws:SourceAccount", "\"222222222222\"", "333333333333", false)]
    [InlineData("StringEquals", "aws:SourceAccount", "\"222222222222\"", null, false)]
    [InlineData("StringEquals", "aws:PrincipalTag/team", "\"ML\"", "ml", false)]
    [InlineData("StringEqualsIgnoreCase", "aws:PrincipalTag/team", "\"ML\"", "ml", true)]
    [InlineData("StringNotEquals", "aws:SourceAccount", "\"222222222222\"", "333333333333", true)]
    [InlineData("StringNotEquals", "aws:SourceAccount", "[\"1\",\"222222222222\"]", "222222222222", false)]
    [InlineData("StringNotEquals", "aws:SourceAccount", "\"222222222222\"", null, true)]
    [InlineData("StringLike", "s3:prefix", "[\"models/\",\"models/*\"]", "models/churn/3", true)]
    [InlineData("StringLike", "s3:prefix", "\"models/*\"", "Models/churn", false)]
    [InlineData("StringNotLike", "s3:prefix", "\"tmp/*\"", "models/a", true)]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:sagemaker:*:222222222222:*\"", "arn:aws:sagemaker:us-east-1:222222222222:training-job/t", true)]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:sagemaker:*:222222222222:*\"", "arn:aws:sagemaker:us-east-1:333333333333:training-job/t", false)]
    [InlineData("ArnEquals", "aws:SourceArn", "\"arn:aws:s3:::bucket\"", "arn:aws:s3:::bucket", true)]
    [InlineData("ArnNotLike", "aws:SourceArn", "\"arn:aws:s3:::logs-*\"", "arn:aws:s3:::models", true)]
    [InlineData("ArnNotEquals", "aws:SourceArn", "\"arn:aws:s3:::models\"", "arn:aws:s3:::models", false)]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::*\"", "not-an-arn", false)]
    [InlineData("Bool", "aws:SecureTransport", "false", "false", true)]
    [InlineData("Bool", "aws:SecureTransport", "\"false\"", "true", false)]
    [InlineData("Bool", "aws:SecureTransport", "true", "True", true)]
    [InlineData("NumericLessThan", "s3:TlsVersion", "1.2", "1.0", true)]
    [InlineData("NumericLessThan", "s3:TlsVersion", "\"1.2\"", "1.3", false)]
    [InlineData("NumericGreaterThanEquals", "s3:max-keys", "10", "10", true)]
    [InlineData("NumericEquals", "s3:max-keys", "10", "ten", false)]
    [InlineData("NumericNotEquals", "s3:max-keys", "10", "11", true)]
    [InlineData("DateLessThan", "aws:CurrentTime", "\"2027-01-01T00:00:00Z\"", "2026-11-25T12:00:00Z", true)]
    [InlineData("DateGreaterThan", "aws:EpochTime", "\"1700000000\"", "1600000000", false)]
    [InlineData("StringEqualsIfExists", "aws:SourceAccount", "\"222222222222\"", null, true)]
    [InlineData("StringEqualsIfExists", "aws:SourceAccount", "\"222222222222\"", "333333333333", false)]
    [InlineData("ForAnyValue:StringEquals", "aws:TagKeys", "[\"team\",\"stage\"]", "stage", true)]
    [InlineData("ForAnyValue:StringEquals", "aws:TagKeys", "[\"team\"]", null, false)]
    [InlineData("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]", null, true)]
    [InlineData("ForAllValues:StringEquals", "aws:TagKeys", "[\"team\"]", "owner", false)]
    [InlineData("ForAllValues:StringNotEquals", "aws:TagKeys", "[\"team\"]", "owner", true)]
    [InlineData("Null", "aws:SourceAccount", "\"true\"", null, true)]
    [InlineData("Null", "aws:SourceAccount", "\"true\"", "222222222222", false)]
    [InlineData("Null", "aws:SourceAccount", "false", "222222222222", true)]
    [InlineData("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", "\"ML\"", "ml", false)]
    [InlineData("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", "\"ML\"", "ops", true)]
    [InlineData("ArnEquals", "aws:SourceArn", "\"arn:aws:s3:::bucket\"", "arn:aws:s3:::other", false)]
    [InlineData("ArnNotLike", "aws:SourceArn", "\"arn:aws:s3:::logs-*\"", "arn:aws:s3:::logs-1", false)]
    [InlineData("ArnNotEquals", "aws:SourceArn", "\"arn:aws:s3:::models\"", "arn:aws:s3:::other", true)]
    [InlineData("NumericEquals", "s3:max-keys", "10", "10", true)]
    [InlineData("NumericEquals", "s3:max-keys", "10", "11", false)]
    [InlineData("NumericNotEquals", "s3:max-keys", "10", "10", false)]
    [InlineData("NumericLessThan", "s3:max-keys", "10", "10", false)]
    [InlineData("NumericLessThanEquals", "s3:max-keys", "10", "10", true)]
    [InlineData("NumericLessThanEquals", "s3:max-keys", "10", "11", false)]
    [InlineData("NumericGreaterThan", "s3:max-keys", "10", "10", false)]
    [InlineData("NumericGreaterThan", "s3:max-keys", "10", "11", true)]
    [InlineData("NumericGreaterThanEquals", "s3:max-keys", "10", "9", false)]
    [InlineData("DateEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:01Z", false)]
    [InlineData("DateNotEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateNotEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-06-01T00:00:00Z", true)]
    [InlineData("DateLessThan", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateLessThanEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateLessThanEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:01Z", false)]
    [InlineData("DateGreaterThan", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", false)]
    [InlineData("DateGreaterThanEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateGreaterThanEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"", "2025-12-31T23:59:59Z", false)]
    [InlineData("DateGreaterThan", "aws:EpochTime", "\"1700000000\"", "1800000000", true)]
    [InlineData("DateEquals", "aws:CurrentTime", "\"1767225600\"", "2026-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "aws:CurrentTime", "\"-62135596800\"", "0001-01-01T00:00:00Z", true)]
    [InlineData("DateEquals", "aws:CurrentTime", "\"253402300799\"", "9999-12-31T23:59:59Z", true)]
    [InlineData("DateLessThan", "aws:EpochTime", "\"253402300800\"", "1700000000", false)]
    [InlineData("DateGreaterThan", "aws:EpochTime", "\"-62135596801\"", "1700000000", false)]
    [InlineData("StringNotEqualsIfExists", "aws:SourceAccount", "\"222222222222\"", null, true)]
    [InlineData("ForAnyValue:StringNotEquals", "aws:TagKeys", "[\"team\"]", null, false)]
    [InlineData("ForAnyValue:StringNotEquals", "aws:TagKeys", "[\"team\"]", "owner", true)]
    [InlineData("Null", "aws:SourceAccount", "\"false\"", null, false)]
    [InlineData("Null", "aws:SourceAccount", "[\"maybe\"]", null, false)]
    [InlineData("Null", "aws:SourceAccount", "[\"true\",\"false\"]", null, true)]
    [InlineData("StringNotLike", "s3:prefix", "\"tmp/*\"", "TMP/a", true)]
    [InlineData("ArnLike", "aws:SourceArn", "\"arn:aws:s3:::Models\"", "arn:aws:s3:::models", false)]
    public void Conditions_follow_iam_semantics(string op, string key, string policyValues, string? requestValue, bool allowed)
    {
        var condition = "{\"" + op + "\":{\"" + key + "\":" + policyValues + "}}";
        var policy = PolicyDocument.Parse($$"""
            {"Statement":[{"Sid":"Guarded","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{{condition}}}]}
            """);
        var request = requestValue is null
            ? Training("s3:GetObject", "arn:aws:s3:::b/k")
            : Training("s3:GetObject", "arn:aws:s3:::b/k", (key, requestValue));

        var decision = PolicyEvaluator.Evaluate(policy, request).Decision;

        Assert.Equal(allowed ? PolicyDecision.Allow : PolicyDecision.NotApplicable, decision);
    }

    [Fact]
    public void Context_keys_are_matched_case_insensitively()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.S3ServerAccessLogging);
        var request = new AccessRequest(
            RegistryAccount,
            "logging.s3.amazonaws.com",
            "s3:PutObject",
            "arn:aws:s3:::amzn-s3-demo-destination-bucket/logs/2026-11-25",
            new Dictionary<string, string> { ["AWS:SOURCEARN"] = "arn:aws:s3:::amzn-s3-demo-source-bucket", ["aws:sourceaccount"] = RegistryAccount });

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, request).Decision);
    }

    [Fact]
    public void Principal_account_and_arn_context_keys_come_from_the_request()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Principal":"*","Action":"sagemaker:*","Resource":"*",
              "Condition":{"StringEquals":{"aws:PrincipalAccount":"222222222222"},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::222222222222:user/*"}}}]}
            """);

        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(policy, Training("sagemaker:ListModelPackages", GroupArn)).Decision);
        Assert.Equal(
            PolicyDecision.NotApplicable,
            PolicyEvaluator.Evaluate(policy, new AccessRequest(TrainingAccount, "arn:aws:iam::222222222222:role/r", "sagemaker:ListModelPackages", GroupArn)).Decision);
    }

    [Fact]
    public void Deny_insecure_transport_denies_plain_http_and_lets_tls_through_to_the_allow()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.S3CrossAccountWithSecureTransport);
        const string artifact = "arn:aws:s3:::amzn-s3-demo-bucket/models/churn/model.tar.gz";

        var overHttp = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", artifact, ("aws:SecureTransport", "false")));
        var overTls = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", artifact, ("aws:SecureTransport", "true")));

        Assert.Equal(PolicyDecision.ExplicitDeny, overHttp.Decision);
        Assert.Contains("'DenyInsecureTransport'", overHttp.Reason);
        Assert.Equal(PolicyDecision.Allow, overTls.Decision);
        Assert.Contains("'CrossAccountRead'", overTls.Reason);
    }

    private static AccessRequest Training(string action, string resource, params (string Key, string Value)[] context)
        => new(TrainingAccount, TrainingUser, action, resource, context.ToDictionary(entry => entry.Key, entry => entry.Value));

    [Fact]
    public void The_first_allowing_statement_is_the_one_named()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[{"Sid":"First","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},
                          {"Sid":"Second","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}
            """);

        Assert.Contains("'First'", PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k")).Reason);
    }

    [Fact]
    public void Every_statement_skipped_for_an_unsupported_condition_is_named_in_the_reason()
    {
        var policy = PolicyDocument.Parse("""
            {"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}},
                          {"Sid":"B","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}}]}
            """);

        var reason = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k")).Reason;

        Assert.Equal(
            "No statement allows s3:GetObject on arn:aws:s3:::b/k to arn:aws:iam::222222222222:user/ci. " +
            "Statement 'A' does not grant access: Condition operator 'IpAddress' is not supported by the local registry (key 'aws:SourceIp'). " +
            "Statement 'B' does not grant access: Condition operator 'IpAddress' is not supported by the local registry (key 'aws:SourceIp').",
            reason);
    }

    [Theory]
    [InlineData("arn:aws:s3:::models*", "arn:aws:s3:::models", true)]
    [InlineData("arn:aws:s3:::models**", "arn:aws:s3:::models", true)]
    [InlineData("arn:aws:s3:::*", "arn:aws:s3", false)]
    [InlineData("arn:aws:s3", "arn:aws:s3:::models", false)]
    [InlineData("arn:aws:s3:::models", "arn:aws:sqs:::models", false)]
    public void Arn_conditions_match_part_by_part_and_need_six_parts(string pattern, string arn, bool allowed)
    {
        var condition = "{\"ArnLike\":{\"aws:SourceArn\":\"" + pattern + "\"}}";
        var policy = PolicyDocument.Parse($$"""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{{condition}}}]}""");

        var decision = PolicyEvaluator.Evaluate(policy, Training("s3:GetObject", "arn:aws:s3:::b/k", ("aws:SourceArn", arn))).Decision;

        Assert.Equal(allowed ? PolicyDecision.Allow : PolicyDecision.NotApplicable, decision);
    }

    [Fact]
    public void NotAction_ignores_case_and_NotResource_does_not()
    {
        var notAction = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"SAGEMAKER:Delete*","Resource":"*"}]}""");
        var notResource = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::Models/*"}]}""");

        Assert.Equal(PolicyDecision.NotApplicable, PolicyEvaluator.Evaluate(notAction, Training("sagemaker:DeleteModelPackage", VersionArn)).Decision);
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(notResource, Training("s3:GetObject", "arn:aws:s3:::models/k")).Decision);
    }
}
