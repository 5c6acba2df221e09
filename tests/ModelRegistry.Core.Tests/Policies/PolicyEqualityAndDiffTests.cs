using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

public sealed class PolicyEqualityAndDiffTests
{
    [Theory]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""",
        """{"Statement":[{"Resource":["arn:aws:s3:::b/*"],"Action":["S3:getobject"],"Principal":{"AWS":["arn:aws:iam::222222222222:root"]},"Effect":"Allow"}]}""")]
    [InlineData(
        """{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"]},{"Sid":"B","Effect":"Deny","Action":"s3:DeleteObject"}]}""",
        """{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Deny","Action":"s3:DeleteObject"},{"Sid":"A","Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"]}]}""")]
    [InlineData(
        """{"Statement":{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceAccount":["1","2"]}}}}""",
        """{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"AWS:SourceAccount":["2","1"]}}}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":true}}}]}""",
        """{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""")]
    public void Equivalent_policies_are_semantically_equal(string first, string second)
    {
        Assert.True(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(first), PolicyDocument.Parse(second)));
        Assert.True(PolicyDocument.Diff(PolicyDocument.Parse(first), PolicyDocument.Parse(second)).IsEmpty);
    }

    [Theory]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""",
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::B/*"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""",
        """{"Statement":[{"Effect":"Deny","Action":"s3:GetObject"}]}""")]
    [InlineData(
        """{"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject"}]}""",
        """{"Statement":[{"Sid":"B","Effect":"Allow","Action":"s3:GetObject"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"s3:GetObject"}]}""",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:user/root"},"Action":"s3:GetObject"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""",
        """{"Statement":[{"Effect":"Allow","NotAction":"s3:GetObject"}]}""")]
    [InlineData(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""",
        """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}""")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","x-note":"a"}]}""",
        """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","x-note":"b"}]}""")]
    public void Different_policies_are_not_semantically_equal(string first, string second)
    {
        Assert.False(PolicyDocument.SemanticallyEquals(PolicyDocument.Parse(first), PolicyDocument.Parse(second)));
        Assert.False(PolicyDocument.Diff(PolicyDocument.Parse(first), PolicyDocument.Parse(second)).IsEmpty);
    }

    [Fact]
    public void Diff_lists_added_removed_and_changed_statements_by_sid()
    {
        var before = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Keep","Effect":"Allow","Action":"s3:ListBucket"},
              {"Sid":"Drop","Effect":"Allow","Action":"s3:DeleteObject"},
              {"Sid":"Grow","Effect":"Allow","Action":"s3:GetObject"}]}
            """);
        var after = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Grow","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"]},
              {"Sid":"Keep","Effect":"Allow","Action":["s3:ListBucket"]},
              {"Sid":"New","Effect":"Deny","Action":"s3:PutBucketPolicy"}]}
            """);

        var diff = PolicyDocument.Diff(before, after);

        Assert.Equal("New", Assert.Single(diff.Added).Sid);
        Assert.Equal("Drop", Assert.Single(diff.Removed).Sid);
        var change = Assert.Single(diff.Changed);
        Assert.Equal("Grow", change.Before.Sid);
        Assert.Equal(2, change.After.Actions!.Count);
        Assert.Empty(diff.ChangedDocumentMembers);
    }

    [Fact]
    public void Diff_matches_statements_without_sid_by_content()
    {
        var before = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"},{"Effect":"Allow","Action":"s3:ListBucket"}]}""");
        var after = PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Action":["s3:ListBucket"]},{"Effect":"Allow","Action":"s3:PutObject"}]}""");

        var diff = PolicyDocument.Diff(before, after);

        Assert.Equal("s3:GetObject", Assert.Single(Assert.Single(diff.Removed).Actions!));
        Assert.Equal("s3:PutObject", Assert.Single(Assert.Single(diff.Added).Actions!));
        Assert.Empty(diff.Changed);
    }

    [Fact]
    public void Diff_against_no_policy_adds_everything()
    {
        var after = PolicyDocument.Parse(RealWorldPolicies.SageMakerCrossAccountModelGroup);

        var diff = PolicyDocument.Diff(null, after);

        Assert.Equal(2, diff.Added.Count);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void Diff_reports_document_member_changes()
    {
        var before = PolicyDocument.Parse("""{"Version":"2008-10-17","Id":"a","Statement":[]}""");
        var after = PolicyDocument.Parse("""{"Version":"2012-10-17","Id":"a","Statement":[],"Comment":"x"}""");

        Assert.Equal(new[] { "Version", "Comment" }, PolicyDocument.Diff(before, after).ChangedDocumentMembers);
    }

    [Fact]
    public void Diff_text_reads_like_a_unified_diff_of_each_statement()
    {
        var before = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Grow","Effect":"Allow","Action":["s3:GetObject"]},
              {"Sid":"Drop","Effect":"Allow","Action":"s3:DeleteObject"}]}
            """);
        var after = PolicyDocument.Parse("""
            {"Statement":[
              {"Sid":"Grow","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"]},
              {"Sid":"New","Effect":"Deny","Principal":"*","Action":"s3:PutBucketPolicy"}]}
            """);

        var text = PolicyDocument.Diff(before, after).ToString().Replace("\r\n", "\n");

        Assert.Equal(
            """
            - Remove statement 'Drop'
            - {
            -   "Sid": "Drop",
            -   "Effect": "Allow",
            -   "Action": "s3:DeleteObject"
            - }
            ~ Change statement 'Grow'
              {
                "Sid": "Grow",
                "Effect": "Allow",
                "Action": [
            -     "s3:GetObject"
            +     "s3:GetObject",
            +     "s3:GetObjectVersion"
                ]
              }
            + Add statement 'New'
            + {
            +   "Sid": "New",
            +   "Effect": "Deny",
            +   "Principal": "*",
            +   "Action": "s3:PutBucketPolicy"
            + }
            """.Replace("\r\n", "\n"),
            text);
    }

    [Fact]
    public void Diff_of_an_equivalent_policy_parsed_apart_and_written_differently_says_no_changes()
    {
        var before = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Pull","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:root","333333333333"]},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]},
              {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
            """);
        var after = PolicyDocument.Parse("""
            {"Statement":[{"Condition":{"Bool":{"aws:securetransport":"false"}},"Resource":["*"],"Action":"s3:*","Principal":"*","Effect":"Deny"},
              {"Action":["ECR:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Principal":{"AWS":["arn:aws:iam::333333333333:root","222222222222"]},"Effect":"Allow","Sid":"Pull"}],
             "Version":"2012-10-17"}
            """);
        var changed = PolicyDocument.Parse(before.ToJson().Replace("333333333333", "444444444444"));

        Assert.Equal("No changes to the policy.", PolicyDocument.Diff(before, after).ToString());
        Assert.True(PolicyDocument.Diff(before, after).IsEmpty);
        Assert.False(PolicyDocument.Diff(before, changed).IsEmpty);
    }

    [Fact]
    public void Statement_equivalence_ignores_form_but_not_content()
    {
        var first = PolicyStatement.Parse("""{"Sid":"S","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:root","333333333333"]},"Action":"sagemaker:*"}""");
        var second = PolicyStatement.Parse("""{"Sid":"S","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::333333333333:root","222222222222"]},"Action":["SAGEMAKER:*"]}""");
        var third = PolicyStatement.Parse("""{"Sid":"S","Effect":"Allow","Principal":{"AWS":["222222222222"]},"Action":["sagemaker:*"]}""");

        Assert.True(PolicyStatement.SemanticallyEquals(first, second));
        Assert.False(PolicyStatement.SemanticallyEquals(first, third));
    }

    [Fact]
    public void Line_diff_marks_changes_at_the_first_line_and_leftovers_at_the_end()
    {
        var removedTail = LineDiff.Unified(["a", "b", "c", "d"], ["x", "b"]).ToList();
        var addedTail = LineDiff.Unified(["b"], ["a", "b", "c", "d"]).ToList();

        Assert.Equal(["- a", "+ x", "  b", "- c", "- d"], removedTail);
        Assert.Equal(["+ a", "  b", "+ c", "+ d"], addedTail);
    }

    [Fact]
    public void Diff_names_changed_document_members_and_lists_changes_in_the_order_of_the_new_policy()
    {
        var before = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"one","Statement":[
              {"Sid":"A","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
              {"Sid":"B","Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}
            """);
        var after = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Id":"two","Statement":[
              {"Sid":"B","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*"},
              {"Sid":"A","Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}
            """);

        var diff = PolicyDocument.Diff(before, after);

        Assert.Equal(["Id"], diff.ChangedDocumentMembers);
        Assert.Equal(["B", "A"], diff.Changed.Select(change => change.After.Sid));
        Assert.StartsWith("~ Id changes\n~ Change statement 'B'\n", diff.ToString());
    }

    [Fact]
    public void Diff_of_two_statements_with_the_same_sid_pairs_them_in_order_and_reports_the_extra_one()
    {
        var before = PolicyDocument.Parse("""{"Statement":[{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""");
        var after = PolicyDocument.Parse("""{"Statement":[{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:GetObject"},{"Sid":"S","Effect":"Deny","Principal":"*","Action":"s3:GetObject"}]}""");

        var diff = PolicyDocument.Diff(before, after);

        Assert.Empty(diff.Changed);
        Assert.Equal(PolicyEffect.Deny, Assert.Single(diff.Added).Effect);
        Assert.Contains("+ Add statement 'S'", PolicyDocument.Diff(before, after).ToString());
        Assert.Contains("- Remove statement without Sid", PolicyDocument.Diff(PolicyDocument.Parse("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}"""), null).ToString());
    }

    [Fact]
    public void Unknown_members_with_a_null_value_take_part_in_equality()
    {
        var withNull = PolicyDocument.Parse("""{"Extra":null,"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Other":null}]}""");
        var withText = PolicyDocument.Parse("""{"Extra":"null","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Other":null}]}""");
        var statementWithText = PolicyDocument.Parse("""{"Extra":null,"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Other":"null"}]}""");

        Assert.True(PolicyDocument.SemanticallyEquals(withNull, PolicyDocument.Parse(withNull.ToJson())));
        Assert.False(PolicyDocument.SemanticallyEquals(withNull, withText));
        Assert.False(PolicyDocument.SemanticallyEquals(withNull, statementWithText));
        Assert.Equal(["Extra"], PolicyDocument.Diff(withNull, withText).ChangedDocumentMembers);
    }

    [Fact]
    public void Diff_pairs_repeated_statements_one_for_one()
    {
        const string Named = """{"Sid":"S","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""";
        const string Unnamed = """{"Effect":"Allow","Principal":"*","Action":"s3:PutObject"}""";
        var before = PolicyDocument.Parse($$"""{"Statement":[{{Named}},{{Named}},{{Unnamed}},{{Unnamed}}]}""");
        var after = PolicyDocument.Parse($$"""{"Statement":[{{Named}},{{Unnamed}}]}""");

        var diff = PolicyDocument.Diff(before, after);

        Assert.Equal(["S", null], diff.Removed.Select(statement => statement.Sid));
        Assert.Empty(diff.Added);
    }

    [Fact]
    public void Only_null_equals_null()
    {
        var policy = PolicyDocument.Parse(RealWorldPolicies.KmsDefaultKeyPolicy);

        Assert.False(PolicyDocument.SemanticallyEquals(policy, null!));
        Assert.False(PolicyDocument.SemanticallyEquals(null!, policy));
        Assert.True(PolicyDocument.SemanticallyEquals(null!, null!));
    }
}
