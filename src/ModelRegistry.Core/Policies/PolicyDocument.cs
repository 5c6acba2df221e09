using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// An immutable IAM policy document (resource policies of model package groups, ECR repositories, S3 buckets,
/// KMS keys). Parsing keeps unknown members; rendering is deterministic; merging touches only the named statements.
/// </summary>
public sealed class PolicyDocument
{
    /// <summary>The current policy language version.</summary>
    public const string CurrentVersion = "2012-10-17";

    private const string LegacyVersion = "2008-10-17";

    private static readonly string[] KnownMembers = { "Version", "Id", "Statement" };

    private readonly bool statementWrittenAsObject;
    private readonly IReadOnlyList<KeyValuePair<string, JsonNode?>> additionalMembers;

    /// <summary>A new document; <paramref name="version"/> defaults to the current policy language.</summary>
    public PolicyDocument(IEnumerable<PolicyStatement> statements, string? version = CurrentVersion, string? id = null)
        : this(
            version,
            id,
            (statements ?? throw new ArgumentNullException(nameof(statements))).ToArray(),
            statementWrittenAsObject: false,
            Array.Empty<KeyValuePair<string, JsonNode?>>())
    {
        if (version != null && version != CurrentVersion && version != LegacyVersion)
        {
            throw new ArgumentException($"Version must be '{CurrentVersion}' or '{LegacyVersion}'.", nameof(version));
        }

        if (Statements.Any(statement => statement is null))
        {
            throw new ArgumentException("Statements must not contain null.", nameof(statements));
        }
    }

    private PolicyDocument(
        string? version,
        string? id,
        IReadOnlyList<PolicyStatement> statements,
        bool statementWrittenAsObject,
        IReadOnlyList<KeyValuePair<string, JsonNode?>> additionalMembers)
    {
        Version = version;
        Id = id;
        Statements = statements;
        this.statementWrittenAsObject = statementWrittenAsObject;
        this.additionalMembers = additionalMembers;
    }

    public string? Version { get; }

    public string? Id { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses IAM policy JSON; throws <see cref="PolicyFormatException"/> naming what is wrong.</summary>
    public static PolicyDocument Parse(string json)
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        if (!(ParseJson(json, "Policy") is JsonObject document))
        {
            throw new PolicyFormatException("Policy must be a JSON object with a Statement member.");
        }

        string? version = null;
        if (document.TryGetPropertyValue("Version", out var versionNode))
        {
            version = PolicyJson.ReadString(versionNode, "Version");
            if (version != CurrentVersion && version != LegacyVersion)
            {
                throw PolicyFormatException.At("Version", $"must be '{CurrentVersion}' or '{LegacyVersion}' (found '{version}').");
            }
        }

        string? id = null;
        if (document.TryGetPropertyValue("Id", out var idNode))
        {
            id = PolicyJson.ReadString(idNode, "Id");
        }

        if (!document.TryGetPropertyValue("Statement", out var statementNode))
        {
            throw PolicyFormatException.At("Statement", "is required.");
        }

        PolicyStatement[] statements;
        var writtenAsObject = statementNode is JsonObject;
        if (writtenAsObject)
        {
            statements = new[] { PolicyStatement.FromJson(statementNode, "Statement") };
        }
        else if (statementNode is JsonArray array)
        {
            statements = array.Select((node, index) => PolicyStatement.FromJson(node, $"Statement[{index}]")).ToArray();
        }
        else
        {
            throw PolicyFormatException.At("Statement", "must be a statement object or a list of statement objects.");
        }

        var additional = document
            .Where(member => Array.IndexOf(KnownMembers, member.Key) < 0)
            .Select(member => new KeyValuePair<string, JsonNode?>(member.Key, member.Value?.DeepClone()))
            .ToArray();

        return new PolicyDocument(version, id, statements, writtenAsObject, additional);
    }

    /// <summary>
    /// True when both documents say the same thing: statement order, list order, string-vs-list form, action
    /// case and <c>arn:aws:iam::ACCOUNT:root</c>-vs-<c>ACCOUNT</c> do not matter.
    /// </summary>
    public static bool SemanticallyEquals(PolicyDocument first, PolicyDocument second)
    {
        if (first is null || second is null)
        {
            return ReferenceEquals(first, second);
        }

        return PolicyCanonicalForm.Of(first) == PolicyCanonicalForm.Of(second);
    }

    /// <summary>What changes from <paramref name="before"/> to <paramref name="after"/>, statement by statement.</summary>
    public static PolicyDiff Diff(PolicyDocument? before, PolicyDocument? after) => PolicyDiff.Between(before, after);

    /// <summary>
    /// Deterministic JSON: Version, Id, Statement, then unknown members; statements keep their order and each
    /// element keeps the author's string-or-list form. Compact by default because services count whitespace.
    /// </summary>
    public string ToJson(bool indented = false) => PolicyJson.Serialize(ToJsonObject(), indented);

    public override string ToString() => ToJson(indented: true);

    /// <summary>The statement with this Sid, or null.</summary>
    public PolicyStatement? FindStatement(string sid) => Statements.FirstOrDefault(statement => statement.Sid == sid);

    /// <summary>
    /// Adds <paramref name="statement"/>, or replaces the statement with the same Sid in place (later duplicates of
    /// that Sid are dropped). No other statement is touched.
    /// </summary>
    public PolicyDocument WithStatement(PolicyStatement statement)
    {
        if (statement is null)
        {
            throw new ArgumentNullException(nameof(statement));
        }

        if (statement.Sid is null)
        {
            throw new ArgumentException("A statement merged into a policy needs a Sid so it can be replaced or removed later.", nameof(statement));
        }

        var merged = new List<PolicyStatement>(Statements.Count + 1);
        var replaced = false;
        foreach (var existing in Statements)
        {
            if (existing.Sid != statement.Sid)
            {
                merged.Add(existing);
            }
            else if (!replaced)
            {
                merged.Add(statement);
                replaced = true;
            }
        }

        if (!replaced)
        {
            merged.Add(statement);
        }

        return WithStatements(merged);
    }

    /// <summary>Removes every statement whose Sid is in <paramref name="sids"/>; all others stay as they are.</summary>
    public PolicyDocument WithoutStatements(IEnumerable<string> sids)
    {
        var removed = new HashSet<string>(sids ?? throw new ArgumentNullException(nameof(sids)), StringComparer.Ordinal);
        return WithStatements(Statements.Where(statement => statement.Sid is null || !removed.Contains(statement.Sid)).ToArray());
    }

    /// <summary>Size of the compact rendering as the service counts it (bytes or characters).</summary>
    public int MeasureSize(PolicySizeLimit limit)
        => (limit ?? throw new ArgumentNullException(nameof(limit))).Measure(ToJson());

    /// <summary>Throws <see cref="PolicySizeLimitExceededException"/> when the compact rendering is over the service's limit.</summary>
    public void EnsureWithin(PolicySizeLimit limit)
    {
        var size = MeasureSize(limit);
        if (size > limit.MaximumSize)
        {
            throw new PolicySizeLimitExceededException(limit, size);
        }
    }

    internal static JsonNode? ParseJson(string json, string what)
    {
        try
        {
            var node = JsonNode.Parse(json);

            // Materialise every object and string now so duplicate member names and undecodable text
            // (lone surrogate escapes) surface here, not mid-render.
            Touch(node);
            return node;
        }
        catch (JsonException exception)
        {
            throw new PolicyFormatException($"{what} is not valid JSON: {exception.Message}", exception);
        }
        catch (ArgumentException exception)
        {
            throw new PolicyFormatException($"{what} has a member name twice in one object: {exception.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw new PolicyFormatException($"{what} holds text that is not valid UTF-8 or a lone surrogate escape: {exception.Message}", exception);
        }
    }

    internal IEnumerable<KeyValuePair<string, string>> AdditionalMembersAsJson()
        => additionalMembers.Select(member => new KeyValuePair<string, string>(
            member.Key,
            member.Value is null ? "null" : PolicyJson.Serialize(member.Value, indented: false)));

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject jsonObject:
                foreach (var member in jsonObject)
                {
                    Touch(member.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Touch(item);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                value.GetValue<string>();
                break;
        }
    }

    // The author's object form is remembered even while the list has other lengths, so merge-then-remove is exact.
    private PolicyDocument WithStatements(IReadOnlyList<PolicyStatement> statements)
        => new PolicyDocument(Version, Id, statements, statementWrittenAsObject, additionalMembers);

    internal JsonObject ToJsonObject()
    {
        var document = new JsonObject();
        if (Version != null)
        {
            document["Version"] = Version;
        }

        if (Id != null)
        {
            document["Id"] = Id;
        }

        document["Statement"] = statementWrittenAsObject && Statements.Count == 1
            ? Statements[0].ToJsonObject()
            : new JsonArray(Statements.Select(statement => (JsonNode?)statement.ToJsonObject()).ToArray());

        foreach (var member in additionalMembers)
        {
            document[member.Key] = member.Value?.DeepClone();
        }

        return document;
    }
}
