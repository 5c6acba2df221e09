using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace ModelRegistry.Core.Endpoints;

/// <summary>
/// An official AWS endpoint rule set (botocore's <c>endpoint-rule-set-1.json</c>), evaluated as the
/// SDKs do: rules in order, the first whose conditions all hold decides (an endpoint, an error, or a
/// tree to descend). Partitions and the standard functions come from AWSSDK.Core, so a region of a
/// partition the SDK knows resolves to that partition's domain.
/// </summary>
public sealed class EndpointRuleSet
{
    private static readonly ConcurrentDictionary<string, EndpointRuleSet> Embedded = new(StringComparer.Ordinal);

    private readonly JsonObject _document;

    public EndpointRuleSet(JsonObject document)
    {
        _document = document ?? throw new ArgumentNullException(nameof(document));
        if (_document["rules"] is not JsonArray)
        {
            throw new ArgumentException("An endpoint rule set needs a 'rules' array.", nameof(document));
        }
    }

    /// <summary>The rule set embedded for <paramref name="name"/>, e.g. "sagemaker-2017-07-24".</summary>
    public static EndpointRuleSet Load(string name) => Embedded.GetOrAdd(name, key =>
    {
        var resource = $"Endpoints.{key}.endpoint-rule-set.json";
        using var stream = typeof(EndpointRuleSet).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No endpoint rule set is embedded for '{key}'.");
        using var reader = new StreamReader(stream);
        return new EndpointRuleSet((JsonObject)JsonNode.Parse(reader.ReadToEnd())!);
    });

    /// <summary>The endpoint for <paramref name="parameters"/> (names as in the rule set: Region,
    /// UseFIPS, UseDualStack, Endpoint); unset parameters take the rule set's defaults.</summary>
    /// <exception cref="EndpointRuleException">The rule set refuses the combination (its own message).</exception>
    public string Resolve(IReadOnlyDictionary<string, object?> parameters)
    {
        var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var declared in (_document["parameters"] as JsonObject) ?? new JsonObject())
        {
            parameters.TryGetValue(declared.Key, out var value);
            scope[declared.Key] = value ?? Literal(declared.Value?["default"]);
        }

        return EvaluateRules((JsonArray)_document["rules"]!, scope)
            ?? throw new EndpointRuleException("No endpoint rule matched the parameters.");
    }

    private static string? EvaluateRules(JsonArray rules, Dictionary<string, object?> scope)
    {
        foreach (var node in rules)
        {
            var rule = (JsonObject)node!;
            // Assignments made by a rule's conditions are visible only inside that rule.
            var ruleScope = new Dictionary<string, object?>(scope, StringComparer.Ordinal);
            if (!ConditionsHold(rule["conditions"] as JsonArray, ruleScope))
            {
                continue;
            }

            switch ((string?)rule["type"])
            {
                case "endpoint":
                    return AsString(Evaluate(rule["endpoint"]!["url"], ruleScope), "endpoint url");
                case "error":
                    throw new EndpointRuleException(AsString(Evaluate(rule["error"], ruleScope), "error"));
                case "tree":
                    // A tree whose conditions held is terminal: if nothing inside matches, resolution fails.
                    return EvaluateRules((JsonArray)rule["rules"]!, ruleScope)
                        ?? throw new EndpointRuleException("No endpoint rule matched the parameters.");
                default:
                    throw new InvalidOperationException($"Unknown endpoint rule type '{rule["type"]}'.");
            }
        }

        return null;
    }

    private static bool ConditionsHold(JsonArray? conditions, Dictionary<string, object?> scope)
    {
        foreach (var node in conditions ?? new JsonArray())
        {
            var condition = (JsonObject)node!;
            var value = Call(condition, scope);
            if (value is null || value is false)
            {
                return false;
            }

            if (condition["assign"] is JsonValue assign)
            {
                scope[(string)assign!] = value;
            }
        }

        return true;
    }

    private static object? Evaluate(JsonNode? expression, Dictionary<string, object?> scope) => expression switch
    {
        null => null,
        JsonObject call when call.ContainsKey("fn") => Call(call, scope),
        JsonObject reference when reference.ContainsKey("ref") => scope.TryGetValue((string)reference["ref"]!, out var value) ? value : null,
        JsonArray items => items.Select(item => Evaluate(item, scope)).ToList(),
        JsonValue value when value.TryGetValue<string>(out var template) => Fn.Interpolate(template, scope!),
        _ => Literal(expression),
    };

    private static object? Call(JsonObject call, Dictionary<string, object?> scope)
    {
        var name = (string)call["fn"]!;
        var argv = ((JsonArray?)call["argv"] ?? new JsonArray()).Select(a => Evaluate(a, scope)).ToList();
        return name switch
        {
            "isSet" => argv[0] is not null,
            "not" => !(bool)argv[0]!,
            "booleanEquals" => Equals(argv[0], argv[1]),
            "stringEquals" => string.Equals((string?)argv[0], (string?)argv[1], StringComparison.Ordinal),
            "getAttr" => argv[0] is null ? null : Fn.GetAttr(argv[0], (string)argv[1]!),
            "aws.partition" => argv[0] is string region ? Fn.Partition(region) : null,
            "aws.parseArn" => argv[0] is string arn ? Fn.ParseArn(arn) : null,
            "parseURL" => argv[0] is string url ? Fn.ParseURL(url) : null,
            "isValidHostLabel" => argv[0] is string label && Fn.IsValidHostLabel(label, (bool)argv[1]!),
            "aws.isVirtualHostableS3Bucket" => argv[0] is string bucket && Fn.IsVirtualHostableS3Bucket(bucket, (bool)argv[1]!),
            "substring" => argv[0] is string text
                ? Fn.Substring(text, Convert.ToInt32(argv[1]), Convert.ToInt32(argv[2]), (bool)argv[3]!)
                : null,
            "uriEncode" => argv[0] is string raw ? Fn.UriEncode(raw) : null,
            _ => throw new InvalidOperationException($"The endpoint rule function '{name}' is not supported."),
        };
    }

    private static object? Literal(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        _ => node.ToJsonString(),
    };

    private static string AsString(object? value, string what) =>
        value as string ?? throw new InvalidOperationException($"The endpoint rule's {what} is not a string.");
}
