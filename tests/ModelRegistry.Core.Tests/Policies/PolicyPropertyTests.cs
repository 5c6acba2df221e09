using CsCheck;
using ModelRegistry.Core.Policies;
using Xunit;

namespace ModelRegistry.Core.Tests.Policies;

/// <summary>Properties the cross-account cmdlets rely on when they edit policies they do not fully own.</summary>
public sealed class PolicyPropertyTests
{
    private const int Iterations = 500;

    [Fact]
    public void Merge_then_remove_gives_back_the_original_policy()
    {
        Gen.Select(PolicyGenerators.ForeignPolicy, PolicyGenerators.OurStatements).Sample(
            (policy, ours) =>
            {
                var restored = Merge(policy, ours).WithoutStatements(ours.Select(statement => statement.Sid!));

                Assert.True(PolicyDocument.SemanticallyEquals(policy, restored));
                Assert.Equal(policy.ToJson(), restored.ToJson());
            },
            iter: Iterations);
    }

    [Fact]
    public void Merging_twice_is_the_same_as_merging_once()
    {
        Gen.Select(PolicyGenerators.ForeignPolicy, PolicyGenerators.OurStatements).Sample(
            (policy, ours) =>
            {
                var once = Merge(policy, ours);
                var twice = Merge(once, ours);

                Assert.Equal(once.ToJson(), twice.ToJson());
                Assert.True(PolicyDocument.Diff(once, twice).IsEmpty);
            },
            iter: Iterations);
    }

    [Fact]
    public void Merging_keeps_every_foreign_statement_unchanged_and_in_order()
    {
        Gen.Select(PolicyGenerators.ForeignPolicy, PolicyGenerators.OurStatements).Sample(
            (policy, ours) =>
            {
                var merged = Merge(policy, ours);

                var foreign = merged.Statements.Where(statement => statement.Sid?.StartsWith(PolicyGenerators.OurSidPrefix, StringComparison.Ordinal) != true);
                Assert.Equal(policy.Statements.Select(statement => statement.ToJson()), foreign.Select(statement => statement.ToJson()));
                Assert.Equal(policy.Statements.Count + ours.Length, merged.Statements.Count);

                var diff = PolicyDocument.Diff(policy, merged);
                Assert.Empty(diff.Removed);
                Assert.Empty(diff.Changed);
                Assert.Equal(ours.Select(statement => statement.Sid), diff.Added.Select(statement => statement.Sid));
            },
            iter: Iterations);
    }

    [Fact]
    public void Render_then_parse_is_the_identity()
    {
        PolicyGenerators.ForeignPolicy.Sample(
            policy =>
            {
                var compact = PolicyDocument.Parse(policy.ToJson());
                var indented = PolicyDocument.Parse(policy.ToJson(indented: true));

                Assert.True(PolicyDocument.SemanticallyEquals(policy, compact));
                Assert.True(PolicyDocument.SemanticallyEquals(policy, indented));
                Assert.Equal(policy.ToJson(), compact.ToJson());
                Assert.Equal(policy.ToJson(), indented.ToJson());
            },
            iter: Iterations);
    }

    [Fact]
    public void Statement_order_never_changes_a_decision()
    {
        var request = new AccessRequest(
            "222222000001",
            "arn:aws:iam::222222000001:role/Deployer",
            "sagemaker:DescribeModelPackage",
            "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/1",
            new Dictionary<string, string> { ["aws:SourceAccount"] = "111111111111", ["aws:SecureTransport"] = "true" });

        PolicyGenerators.ForeignPolicy.Sample(
            policy =>
            {
                var reversed = new PolicyDocument(policy.Statements.Reverse(), policy.Version, policy.Id);

                Assert.Equal(PolicyEvaluator.Evaluate(policy, request).Decision, PolicyEvaluator.Evaluate(reversed, request).Decision);
            },
            iter: Iterations);
    }

    private static PolicyDocument Merge(PolicyDocument policy, IEnumerable<PolicyStatement> ours)
        => ours.Aggregate(policy, (document, statement) => document.WithStatement(statement));
}
