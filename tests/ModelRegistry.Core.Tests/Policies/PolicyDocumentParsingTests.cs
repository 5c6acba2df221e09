using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PolicyDocumentParsingTests
{
    [Theory]
    [MemberData(nameof(RealWorldPolicies.All), MemberType = typeof(RealWorldPolicies))]
    public void Real_world_policies_render_back_exactly_as_written(string name, string json)
    {
        var policy = PolicyDocument.Parse(json);

        Assert.True(Normalize(json) == Normalize(policy.ToJson(indented: true)), $"{name} did not round-trip.");
    }

    [Theory]
    [MemberData(nameof(RealWorldPolicies.All), MemberType = typeof(RealWorldPolicies))]
    public void Compact_rendering_parses_back_to_the_same_policy(string name, string json)
    {
        var compact = PolicyDocument.Parse(json).ToJson();

        Assert.DoesNotContain("\n", compact);
        Assert.True(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(json), PolicyDocument.Parse(compact)), name);
        Assert.Equal(compact, PolicyDocument.Parse(compact).ToJson());
    }

    [Fact]
    public void Parses_the_sagemaker_cross_account_policy_into_typed_statements()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        Assert.Equal("2012-10-17", policy.Version);
        Assert.Equal(2, policy.Statements.Count);
        var versions = policy.Statements[1];
        Assert.Equal("AddPermModelPackageVersionCrossAccount", versions.Sid);
        Assert.Equal(PolicyEffect.Allow, versions.Effect);
        Assert.Equal(new[] { "arn:aws:iam::222222222222:root" }, versions.Principal!.Aws!);
        Assert.True(versions.Principal.Aws!.IsWrittenAsSingleString);
        Assert.Equal(5, versions.Actions!.Count);
        Assert.False(versions.Actions.IsWrittenAsSingleString);
        Assert.Equal("arn:aws:sagemaker:us-east-1:111111111111:model-package/churn-models/*", Assert.Single(versions.Resources!));
        Assert.Null(versions.NotActions);
    }

    [Fact]
    public void Condition_values_keep_their_json_type_and_read_as_text()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.S3CrossAccountWithSecureTransport);

        var condition = Assert.Single(policy.Statements[2].Conditions);
        Assert.Equal("Bool", condition.Operator);
        Assert.Equal("aws:SecureTransport", condition.Key);
        Assert.Equal(new[] { "false" }, condition.Values);
        Assert.Contains("\"aws:SecureTransport\":false", policy.ToJson());
    }

    [Fact]
    public void Statement_written_as_an_object_stays_an_object()
    {
        const string json = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}}""";

        var policy = PolicyDocument.Parse(json);

        Assert.Single(policy.Statements);
        Assert.Equal(json, policy.ToJson());
    }

    [Fact]
    public void Version_is_optional_and_not_invented_on_render()
    {
        const string json = """{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["111111111111"]},"NotAction":"s3:Get*","NotResource":"arn:aws:s3:::logs/*"}]}""";

        var policy = PolicyDocument.Parse(json);

        Assert.Null(policy.Version);
        Assert.Equal(json, policy.ToJson());
    }

    [Fact]
    public void Unknown_members_are_kept_and_rendered_after_known_ones()
    {
        const string json = """
            {"Statement":[{"Resource":"*","x-owner":{"team":"ml","tier":2},"Action":"kms:Decrypt","Effect":"Allow","Sid":"Use"}],
             "Comment":"managed by hand","Version":"2012-10-17"}
            """;

        var policy = PolicyDocument.Parse(json);

        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"Use","Effect":"Allow","Action":"kms:Decrypt","Resource":"*","x-owner":{"team":"ml","tier":2}}],"Comment":"managed by hand"}""",
            policy.ToJson());
        Assert.Equal(new[] { "x-owner" }, policy.Statements[0].AdditionalMemberNames);
    }

    [Fact]
    public void Rendering_does_not_escape_characters_that_are_common_in_policies()
    {
        var policy = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/<café>+&'"}]}""");

        Assert.Contains("arn:aws:s3:::b/${aws:username}/<café>+&'", policy.ToJson());
    }

    [Fact]
    public void A_single_statement_parses_on_its_own()
    {
        var statement = PolicyStatement.Parse("""{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"ecr:BatchGetImage"}""");

        Assert.Equal("Pull", statement.Sid);
        Assert.Equal("""{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"ecr:BatchGetImage"}""", statement.ToJson());
    }

    [Theory]
    [InlineData("{\"Statement\": [", "Policy is not valid JSON:")]
    [InlineData("[]", "Policy must be a JSON object with a Statement member.")]
    [InlineData("""{"Version":"2012-10-17"}""", "Statement is required.")]
    [InlineData("""{"Version":"2020-01-01","Statement":[]}""", "Version must be '2012-10-17' or '2008-10-17' (found '2020-01-01').")]
    [InlineData("""{"Version":20121017,"Statement":[]}""", "Version must be a string.")]
    [InlineData("""{"Statement":"Allow everything"}""", "Statement must be a statement object or a list of statement objects.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*"},{"Effect":"Deny","Action":"s3:*"},{"Effect":"allow","Action":"s3:*"}]}""", "Statement[2].Effect must be 'Allow' or 'Deny' (found \"allow\").")]
    [InlineData("""{"Statement":{"Action":"s3:*"}}""", "Statement.Effect is required and must be 'Allow' or 'Deny'.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Statement[0] must have an Action or a NotAction.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*"}]}""", "Statement[0] must not have both Action and NotAction.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":"*","Action":"s3:*"}]}""", "Statement[0] must not have both Principal and NotPrincipal.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","NotResource":"*"}]}""", "Statement[0] must not have both Resource and NotResource.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["s3:GetObject",7]}]}""", "Statement[0].Action[1] must be a string.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":[]}]}""", "Statement[0].Action must not be an empty list.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"DescribeModelPackage"}]}""", "Statement[0].Action 'DescribeModelPackage' must be \"*\" or 'service:ActionName' (for example 'sagemaker:DescribeModelPackage').")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:"]}]}""", "Statement[0].Action[1] 's3:' must be \"*\" or 'service:ActionName' (for example 'sagemaker:DescribeModelPackage').")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"111111111111","Action":"s3:*"}]}""", "Statement[0].Principal must be \"*\" or an object with AWS, Service, Federated or CanonicalUser members.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"User":"bob"},"Action":"s3:*"}]}""", "Statement[0].Principal.User is not a principal type; use AWS, Service, Federated or CanonicalUser.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":{"id":"1"}},"Action":"s3:*"}]}""", "Statement[0].Principal.AWS must be a string or a list of strings.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":"x"}}]}""", "Statement[0].Condition.StringEquals must be an object mapping condition keys to values.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceAccount":{"a":1}}}}]}""", "Statement[0].Condition.StringEquals.aws:SourceAccount must be a string, number or boolean, or a list of them.")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":["StringEquals"]}]}""", "Statement[0].Condition must be an object mapping condition operators to keys and values.")]
    [InlineData("""{"Statement":[{"Sid":42,"Effect":"Allow","Action":"s3:*"}]}""", "Statement[0].Sid must be a string.")]
    [InlineData("""{"Statement":["Allow"]}""", "Statement[0] must be an object.")]
    public void Invalid_policies_are_rejected_with_a_message_naming_the_element(string json, string expectedMessage)
    {
        var exception = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(json));

        Assert.StartsWith(expectedMessage, exception.Message);
    }

    [Fact]
    public void Format_errors_expose_the_element_path()
    {
        var exception = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(
            """{"Statement":[{"Effect":"Allow","Action":"s3:*"},{"Effect":"Allow","Principal":{"AWS":[""]},"Action":"s3:*"}]}"""));

        Assert.Equal("Statement[1].Principal.AWS[0]", exception.ElementPath);
        Assert.Equal("Statement[1].Principal.AWS[0] must not be an empty string.", exception.Message);
    }

    [Fact]
    public void Duplicate_member_names_are_a_format_error_not_a_crash()
    {
        var exception = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(
            """{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:*"}]}"""));

        Assert.StartsWith("Policy has a member name twice in one object", exception.Message);
    }

    private static string Normalize(string json) => json.Replace("\r\n", "\n").Trim();

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":":GetObject"}]}""", "Statement[0].Action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:"}]}""", "Statement[0].Action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":""}]}""", "Statement[0].Action")]
    [InlineData("""{"Statement":[{"Effect":true,"Action":"s3:GetObject"}]}""", "Statement[0].Effect")]
    [InlineData("""{"Statement":[{"Effect":null,"Action":"s3:GetObject"}]}""", "Statement[0].Effect")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Condition":{"StringEquals":{"k":["a",{}]}}}]}""", "Statement[0].Condition.StringEquals.k[1]")]
    [InlineData("""{"Id":5,"Statement":[]}""", "Id")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":""}]}""", "Statement[0].Resource")]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotAction":":GetObject"}]}""", "Statement[0].NotAction")]
    public void Malformed_elements_are_format_errors_at_their_path(string json, string path)
    {
        var error = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(json));

        Assert.Equal(path, error.ElementPath);
    }

    [Fact]
    public void An_effect_that_is_not_a_string_is_shown_as_written()
    {
        Assert.Contains("(found true)", Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse("""{"Statement":[{"Effect":true,"Action":"s3:GetObject"}]}""")).Message);
        Assert.Contains("(found null)", Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse("""{"Statement":[{"Effect":null,"Action":"s3:GetObject"}]}""")).Message);
    }

    [Fact]
    public void Finding_a_sid_that_is_not_there_gives_null()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        Assert.Null(policy.FindStatement("NoSuchSid"));
        Assert.Equal("AddPermModelPackageVersionCrossAccount", policy.FindStatement("AddPermModelPackageVersionCrossAccount")!.Sid);
    }

    [Fact]
    public void Known_members_are_not_reported_as_additional()
    {
        var statement = PolicyStatement.Parse("""{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}},"Extra":1}""");
        var notForms = PolicyStatement.Parse("""{"Effect":"Deny","NotPrincipal":{"AWS":"111111111111"},"NotAction":"s3:*","NotResource":"*"}""");

        Assert.Equal(["Extra"], statement.AdditionalMemberNames);
        Assert.Empty(notForms.AdditionalMemberNames);
    }

    [Fact]
    public void A_single_statement_that_is_not_json_says_so()
    {
        Assert.StartsWith("Statement is not valid JSON: ", Assert.Throws<PolicyFormatException>(() => PolicyStatement.Parse("{")).Message);
        Assert.Equal("Statement", Assert.Throws<PolicyFormatException>(() => PolicyStatement.Parse("[]")).ElementPath);
    }

    [Fact]
    public void Elements_with_an_empty_or_null_value_among_others_are_rejected()
    {
        Assert.StartsWith("Policy element values must be non-empty strings.", Assert.Throws<ArgumentException>(() => new PolicyStatement(PolicyEffect.Allow, actions: new[] { "s3:*", "" })).Message);
        Assert.Throws<ArgumentException>(() => new PolicyCondition("StringEquals", "k", new[] { "a", null! }));
    }

    [Fact]
    public void Size_limits_name_their_service_and_unit()
    {
        Assert.Equal("AWS KMS key policy: at most 32,768 bytes", PolicySizeLimit.KmsKeyPolicy.ToString());
        Assert.Equal("Amazon SageMaker model package group policy: at most 20,480 characters", PolicySizeLimit.SageMakerModelPackageGroupPolicy.ToString());
    }
}
