using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Policies;

/// <summary>
/// One test of a <c>Condition</c> block: an operator (with any <c>ForAnyValue:</c>/<c>ForAllValues:</c> prefix and
/// <c>IfExists</c> suffix as written), a context key and the values it is compared against.
/// </summary>
public sealed class PolicyCondition
{
    // The JSON as written (string, number, boolean or list) so rendering keeps the author's form.
    private readonly JsonNode writtenValues;

    public PolicyCondition(string @operator, string key, IEnumerable<string> values)
    {
        if (string.IsNullOrEmpty(@operator))
        {
            throw new ArgumentException("A condition needs an operator.", nameof(@operator));
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A condition needs a context key.", nameof(key));
        }

        Operator = @operator;
        Key = key;
        Values = (values ?? throw new ArgumentNullException(nameof(values))).ToArray();
        if (Values.Count == 0 || Values.Any(value => value is null))
        {
            throw new ArgumentException("A condition needs at least one value and no null values.", nameof(values));
        }

        writtenValues = new JsonArray(Values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());
    }

    private PolicyCondition(string @operator, string key, IReadOnlyList<string> values, JsonNode writtenValues)
    {
        Operator = @operator;
        Key = key;
        Values = values;
        this.writtenValues = writtenValues;
    }

    public string Operator { get; }

    public string Key { get; }

    /// <summary>The values as text; IAM compares numbers and booleans by their text too.</summary>
    public IReadOnlyList<string> Values { get; }

    public override string ToString() => $"{Operator} {Key} [{string.Join(", ", Values)}]";

    internal static IReadOnlyList<PolicyCondition> ParseBlock(JsonNode? node, string path)
    {
        if (!(node is JsonObject block))
        {
            throw PolicyFormatException.At(path, "must be an object mapping condition operators to keys and values.");
        }

        var conditions = new List<PolicyCondition>();
        foreach (var operatorMember in block)
        {
            var operatorPath = $"{path}.{operatorMember.Key}";
            if (!(operatorMember.Value is JsonObject keys))
            {
                throw PolicyFormatException.At(operatorPath, "must be an object mapping condition keys to values.");
            }

            foreach (var keyMember in keys)
            {
                var keyPath = $"{operatorPath}.{keyMember.Key}";
                var values = PolicyJson.ReadConditionValues(keyMember.Value, keyPath);
                conditions.Add(new PolicyCondition(operatorMember.Key, keyMember.Key, values, keyMember.Value!.DeepClone()));
            }
        }

        return conditions;
    }

    internal static JsonObject RenderBlock(IEnumerable<PolicyCondition> conditions)
    {
        var block = new JsonObject();
        foreach (var condition in conditions)
        {
            if (!(block[condition.Operator] is JsonObject keys))
            {
                keys = new JsonObject();
                block[condition.Operator] = keys;
            }

            keys[condition.Key] = condition.writtenValues.DeepClone();
        }

        return block;
    }
}
