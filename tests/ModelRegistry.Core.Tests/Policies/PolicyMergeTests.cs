using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PolicyMergeTests
{
    private static readonly PolicyStatement OurPull = new(
        PolicyEffect.Allow,
        sid: "ModelRegistryPull",
        principal: PolicyPrincipal.ForAws("222222222222"),
        actions: new[] { "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer" });

    [Fact]
    public void WithStatement_appends_a_new_sid_and_leaves_every_other_statement_untouched()
    {
        var existing = PolicyDocument.Parse(RealWorldPolicies.EcrPushPullForUsers);

        var merged = existing.WithStatement(OurPull);

        Assert.Equal(2, merged.Statements.Count);
        Assert.Same(existing.Statements[0], merged.Statements[0]);
        Assert.Same(OurPull, merged.Statements[1]);
        Assert.Equal("2008-10-17", merged.Version);
        Assert.Single(existing.Statements);
    }

    [Fact]
    public void A_merged_policy_written_back_keeps_federated_and_canonical_user_principals()
    {
        var existing = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"WebIdentity","Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::models/*"},
              {"Sid":"CloudFront","Effect":"Allow","Principal":{"CanonicalUser":["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::models/*"}]}
            """);

        var written = PolicyDocument.Parse(existing.WithStatement(OurPull).ToJson());

        Assert.Equal(["cognito-identity.amazonaws.com"], written.FindStatement("WebIdentity")!.Principal!.Federated!);
        Assert.Equal(["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"], written.FindStatement("CloudFront")!.Principal!.CanonicalUser!);
        Assert.True(PolicyDocument.SemanticallyEquals(existing, PolicyDocument.Parse(written.WithoutStatements(["ModelRegistryPull"]).ToJson())));
    }

    [Fact]
    public void A_built_principal_renders_every_kind_of_identifier()
    {
        var principal = new PolicyPrincipal(aws: ["111111111111"], service: ["sagemaker.amazonaws.com"], federated: ["accounts.google.com"], canonicalUser: ["abc"]);

        Assert.Equal("""{"AWS":["111111111111"],"Service":["sagemaker.amazonaws.com"],"Federated":["accounts.google.com"],"CanonicalUser":["abc"]}""", principal.ToString());
    }

    [Fact]
    public void WithStatement_replaces_the_statement_with_the_same_sid_in_place()
    {
        var existing = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);
        var narrower = PolicyStatement.Parse("""
            {"Sid":"AddPermModelPackageGroupCrossAccount","Effect":"Allow","Principal":{"AWS":"333333333333"},
             "Action":"sagemaker:DescribeModelPackageGroup","Resource":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn-models"}
            """);

        var merged = existing.WithStatement(narrower);

        Assert.Equal(2, merged.Statements.Count);
        Assert.Same(narrower, merged.Statements[0]);
        Assert.Same(existing.Statements[1], merged.Statements[1]);
    }

    [Fact]
    public void WithStatement_collapses_duplicates_of_our_sid_into_one()
    {
        var existing = PolicyDocument.Parse("""
            {"Statement":[{"Sid":"Ours","Effect":"Allow","Action":"s3:GetObject"},{"Sid":"Theirs","Effect":"Allow","Action":"s3:ListBucket"},{"Sid":"Ours","Effect":"Allow","Action":"s3:PutObject"}]}
            """);
        var ours = new PolicyStatement(PolicyEffect.Allow, sid: "Ours", actions: new[] { "s3:GetObjectVersion" });

        var merged = existing.WithStatement(ours);

        Assert.Equal(new[] { "Ours", "Theirs" }, merged.Statements.Select(statement => statement.Sid));
        Assert.Same(ours, merged.Statements[0]);
    }

    [Fact]
    public void WithStatement_requires_a_sid()
    {
        var existing = PolicyDocument.Parse(RealWorldPolicies.KmsDefaultKeyPolicy);

        Assert.Throws<ArgumentException>(() => existing.WithStatement(new PolicyStatement(PolicyEffect.Allow, actions: new[] { "kms:Decrypt" })));
    }

    [Fact]
    public void Merging_into_a_single_object_statement_renders_a_list_and_removing_restores_the_original_text()
    {
        const string json = """{"Version":"2012-10-17","Statement":{"Sid":"Theirs","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}""";
        var existing = PolicyDocument.Parse(json);

        var merged = existing.WithStatement(OurPull);
        var restored = merged.WithoutStatements(new[] { "ModelRegistryPull" });

        Assert.StartsWith("""{"Version":"2012-10-17","Statement":[{"Sid":"Theirs",""", merged.ToJson());
        Assert.Equal(json, restored.ToJson());
    }

    [Fact]
    public void WithoutStatements_removes_only_the_named_sids()
    {
        var existing = PolicyDocument.Parse("""
            {"Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Sid":"A","Effect":"Allow","Action":"s3:ListBucket"},{"Sid":"B","Effect":"Deny","Action":"s3:DeleteObject"}]}
            """);

        var remaining = existing.WithoutStatements(new[] { "A", "NotThere" });

        Assert.Equal(new[] { null, "B" }, remaining.Statements.Select(statement => statement.Sid));
        Assert.Same(existing.Statements[0], remaining.Statements[0]);
        Assert.Same(existing.Statements[2], remaining.Statements[1]);
    }

    [Fact]
    public void Built_statements_render_in_the_stable_member_order()
    {
        var statement = new PolicyStatement(
            PolicyEffect.Deny,
            sid: "TlsOnly",
            conditions: new[] { new PolicyCondition("Bool", "aws:SecureTransport", new[] { "false" }) },
            notResources: new[] { "arn:aws:s3:::public/*" },
            actions: new[] { "s3:*" },
            principal: PolicyPrincipal.Anyone);

        Assert.Equal(
            """{"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":["s3:*"],"NotResource":["arn:aws:s3:::public/*"],"Condition":{"Bool":{"aws:SecureTransport":["false"]}}}""",
            statement.ToJson());
    }

    [Fact]
    public void Built_statements_reject_contradictory_elements_saying_why()
    {
        AssertRejected("Statement must have an Action or a NotAction.", () => new PolicyStatement(PolicyEffect.Allow, sid: "X"));
        AssertRejected("Statement must not have both Action and NotAction.", () => new PolicyStatement(PolicyEffect.Allow, actions: new[] { "s3:*" }, notActions: new[] { "s3:Get*" }));
        AssertRejected("A Sid must not be empty; pass null for a statement without Sid.", () => new PolicyStatement(PolicyEffect.Allow, sid: "", actions: new[] { "s3:*" }));
        AssertRejected("A policy element needs at least one value.", () => new PolicyStatement(PolicyEffect.Allow, actions: Array.Empty<string>()));
        AssertRejected("A principal needs at least one AWS, Service, Federated or CanonicalUser identifier.", () => new PolicyPrincipal());
        AssertRejected("A condition needs at least one value and no null values.", () => new PolicyCondition("StringEquals", "aws:SourceAccount", Array.Empty<string>()));
        AssertRejected("A condition needs an operator.", () => new PolicyCondition("", "aws:SourceAccount", new[] { "1" }));
        AssertRejected("A condition needs a context key.", () => new PolicyCondition("StringEquals", "", new[] { "1" }));
        AssertRejected("Condition StringEquals names key 'aws:SourceAccount' more than once.", () => new PolicyStatement(
            PolicyEffect.Allow,
            actions: new[] { "s3:*" },
            conditions: new[] { new PolicyCondition("StringEquals", "aws:SourceAccount", new[] { "1" }), new PolicyCondition("StringEquals", "aws:SourceAccount", new[] { "2" }) }));
        AssertRejected("A statement merged into a policy needs a Sid", () => PolicyDocument.Parse(RealWorldPolicies.EcrPushPullForUsers).WithStatement(new PolicyStatement(PolicyEffect.Allow, actions: new[] { "s3:*" })));
    }

    private static void AssertRejected(string reason, Func<object> build) =>
        Assert.StartsWith(reason, Assert.ThrowsAny<ArgumentException>(() => build()).Message);

    [Fact]
    public void A_new_document_defaults_to_the_current_version()
    {
        var document = new PolicyDocument(new[] { OurPull });

        Assert.Equal(
            """{"Version":"2012-10-17","Statement":[{"Sid":"ModelRegistryPull","Effect":"Allow","Principal":{"AWS":["222222222222"]},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""",
            document.ToJson());
    }
}
