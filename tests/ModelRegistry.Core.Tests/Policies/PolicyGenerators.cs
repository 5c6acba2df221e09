using System.Text.Json.Nodes;
using CsCheck;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Tests.Policies;

/// <summary>
/// CsCheck generators of policy JSON in every form IAM accepts: string-or-list elements, "*" and object principals,
/// conditions with string/boolean/number values, statement object or list, optional Sid/Version/Id, unknown members.
/// </summary>
internal static class PolicyGenerators
{
    /// <summary>Sids of statements the module owns; foreign statements never use this prefix.</summary>
    public const string OurSidPrefix = "ModelRegistry";

    private static readonly Gen<string> Account = Gen.Int[0, 999_999].Select(n => "222222" + n.ToString("D6"));

    private static readonly Gen<string> AwsIdentifier = Gen.OneOf(
        Account,
        Account.Select(account => $"arn:aws:iam::{account}:root"),
        Account.Select(account => $"arn:aws:iam::{account}:role/Deployer"),
        Gen.Const("*"));

    private static readonly Gen<string> Action = Gen.Select(
        Gen.OneOf("sagemaker:DescribeModelPackage", "sagemaker:*", "sagemaker:List*", "ecr:BatchGetImage", "s3:GetObject", "s3:Get*", "kms:Decrypt", "*"),
        Gen.Bool,
        (action, upper) => upper ? action.ToUpperInvariant() : action);

    private static readonly Gen<string> Resource = Gen.OneOf(
        "*",
        "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn",
        "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/*",
        "arn:aws:s3:::models/*",
        "arn:aws:ecr:us-east-1:111111111111:repository/churn");

    private static readonly Gen<JsonNode> ConditionValue = Gen.Frequency(
        (3, (IGen<JsonNode>)Gen.OneOf("111111111111", "arn:aws:iam::*:role/*", "models/*").Select(value => (JsonNode)JsonValue.Create(value))),
        (1, Gen.Bool.Select(value => (JsonNode)JsonValue.Create(value))),
        (1, Gen.Int[0, 100].Select(value => (JsonNode)JsonValue.Create(value))),
        (2, Gen.OneOf("111111111111", "222222222222", "true").Array[1, 3].Select(values => (JsonNode)ToArray(values))));

    private static readonly Gen<JsonObject> Condition = Gen.Select(
            Gen.OneOf("StringEquals", "StringLike", "ArnLike", "Bool", "NumericLessThan", "ForAnyValue:StringEquals", "StringNotEqualsIfExists", "IpAddress"),
            Gen.OneOf("aws:SourceAccount", "aws:PrincipalArn", "aws:SecureTransport", "s3:prefix"),
            ConditionValue)
        .Array[1, 3]
        .Select(tests =>
        {
            var block = new JsonObject();
            foreach (var (op, key, value) in tests)
            {
                if (!(block[op] is JsonObject keys))
                {
                    keys = new JsonObject();
                    block[op] = keys;
                }

                keys[key] = value;
            }

            return block;
        });

    /// <summary>A Sid for a statement the module does not own; sometimes none, sometimes repeated.</summary>
    public static readonly Gen<string?> ForeignSid = Gen.Frequency(
        (1, (IGen<string?>)Gen.Const<string?>(() => null)),
        (3, Gen.String[Gen.Char.AlphaNumeric, 1, 6].Select(suffix => (string?)("Foreign" + suffix))),
        (1, Gen.OneOf<string?>("Shared", "Enable IAM User Permissions")));

    /// <summary>Policies made of foreign statements only.</summary>
    public static readonly Gen<PolicyDocument> ForeignPolicy = Gen.Select(
            Gen.OneOf<string?>(null, "2012-10-17", "2008-10-17"),
            Gen.OneOf<string?>(null, "key-default-1"),
            Statement(ForeignSid).Array[0, 5],
            Gen.Bool,
            Gen.Bool)
        .Select((version, id, statements, singleObject, comment) =>
        {
            var document = new JsonObject();
            if (version != null)
            {
                document["Version"] = version;
            }

            if (id != null)
            {
                document["Id"] = id;
            }

            document["Statement"] = singleObject && statements.Length == 1 ? statements[0] : new JsonArray(statements);
            if (comment)
            {
                document["Comment"] = "kept as written";
            }

            return PolicyDocument.Parse(document.ToJsonString());
        });

    /// <summary>The module's own statements, each with a distinct Sid starting with <see cref="OurSidPrefix"/>.</summary>
    public static readonly Gen<PolicyStatement[]> OurStatements = Statement(Gen.Const<string?>("placeholder"))
        .Array[1, 4]
        .Select(statements => statements
            .Select((statement, index) =>
            {
                statement["Sid"] = $"{OurSidPrefix}{index}";
                return PolicyStatement.Parse(statement.ToJsonString());
            })
            .ToArray());

    private static Gen<JsonObject> Statement(Gen<string?> sid)
        => Gen.Select(
            sid,
            Gen.OneOf("Allow", "Deny"),
            Principal(),
            Gen.Bool,
            StringOrList(Action),
            Gen.Frequency((1, (IGen<JsonNode?>)Gen.Const<JsonNode?>(() => null)), (3, StringOrList(Resource).Select(node => (JsonNode?)node))),
            Gen.Frequency((2, (IGen<JsonObject?>)Gen.Const<JsonObject?>(() => null)), (1, Condition.Select(block => (JsonObject?)block))),
            Gen.Bool,
            (sid, effect, principal, notAction, actions, resources, condition, extra) =>
            {
                var statement = new JsonObject();
                if (sid != null)
                {
                    statement["Sid"] = sid;
                }

                statement["Effect"] = effect;
                if (principal != null)
                {
                    statement[principal.Value.Member] = principal.Value.Node;
                }

                statement[notAction ? "NotAction" : "Action"] = actions;
                if (resources != null)
                {
                    statement["Resource"] = resources;
                }

                if (condition != null)
                {
                    statement["Condition"] = condition;
                }

                if (extra)
                {
                    statement["x-ticket"] = new JsonObject { ["id"] = 42 };
                }

                return statement;
            });

    private static Gen<(string Member, JsonNode Node)?> Principal()
        => Gen.Frequency(
            (1, (IGen<(string, JsonNode)?>)Gen.Const<(string, JsonNode)?>(() => null)),
            (1, Gen.Bool.Select(not => ((string, JsonNode)?)(not ? "NotPrincipal" : "Principal", JsonValue.Create("*")!))),
            (4, Gen.Select(Gen.Bool, StringOrList(AwsIdentifier), Gen.Bool).Select((not, aws, withService) =>
            {
                var principal = new JsonObject { ["AWS"] = aws };
                if (withService)
                {
                    principal["Service"] = "sagemaker.amazonaws.com";
                }

                return ((string, JsonNode)?)(not ? "NotPrincipal" : "Principal", principal);
            })));

    private static Gen<JsonNode> StringOrList(Gen<string> value)
        => Gen.Frequency(
            (1, (IGen<JsonNode>)value.Select(single => (JsonNode)JsonValue.Create(single))),
            (2, value.Array[1, 3].Select(values => (JsonNode)ToArray(values))));

    private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());
}
