using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelRegistry.Core.Policies;

/// <summary>Outcome of a statement's Condition block.</summary>
internal enum ConditionOutcome
{
    Met,
    NotMet,

    /// <summary>An operator the local registry cannot evaluate; the caller decides what that means.</summary>
    Unsupported,
}

/// <summary>
/// Evaluates Condition blocks the way IAM does: every condition must hold (AND), any value of one key may match
/// (OR), negated operators hold when no value matches, <c>...IfExists</c> holds for a missing key, and
/// <c>ForAnyValue:</c>/<c>ForAllValues:</c> compare request value sets.
/// </summary>
internal static class ConditionEvaluator
{
    private const string IfExistsSuffix = "IfExists";
    private const string ForAnyValuePrefix = "ForAnyValue:";
    private const string ForAllValuesPrefix = "ForAllValues:";
    private const long MinEpochSeconds = -62135596800;
    private const long MaxEpochSeconds = 253402300799;

    private static readonly Dictionary<string, Comparison> Operators = new Dictionary<string, Comparison>(StringComparer.OrdinalIgnoreCase)
    {
        ["StringEquals"] = new Comparison((actual, expected) => string.Equals(actual, expected, StringComparison.Ordinal)),
        ["StringNotEquals"] = new Comparison((actual, expected) => string.Equals(actual, expected, StringComparison.Ordinal), negated: true),
        ["StringEqualsIgnoreCase"] = new Comparison((actual, expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)),
        ["StringNotEqualsIgnoreCase"] = new Comparison((actual, expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
            negated: true),
        ["StringLike"] = new Comparison((actual, pattern) => WildcardPattern.IsMatch(pattern, actual, ignoreCase: false)),
        ["StringNotLike"] = new Comparison((actual, pattern) => WildcardPattern.IsMatch(pattern, actual, ignoreCase: false), negated: true),
        ["ArnEquals"] = new Comparison((actual, pattern) => WildcardPattern.IsArnMatch(pattern, actual)),
        ["ArnLike"] = new Comparison((actual, pattern) => WildcardPattern.IsArnMatch(pattern, actual)),
        ["ArnNotEquals"] = new Comparison((actual, pattern) => WildcardPattern.IsArnMatch(pattern, actual), negated: true),
        ["ArnNotLike"] = new Comparison((actual, pattern) => WildcardPattern.IsArnMatch(pattern, actual), negated: true),
        ["Bool"] = new Comparison((actual, expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)),
        ["NumericEquals"] = Numeric(order => order == 0),
        ["NumericNotEquals"] = Numeric(order => order == 0, negated: true),
        ["NumericLessThan"] = Numeric(order => order < 0),
        ["NumericLessThanEquals"] = Numeric(order => order <= 0),
        ["NumericGreaterThan"] = Numeric(order => order > 0),
        ["NumericGreaterThanEquals"] = Numeric(order => order >= 0),
        ["DateEquals"] = Date(order => order == 0),
        ["DateNotEquals"] = Date(order => order == 0, negated: true),
        ["DateLessThan"] = Date(order => order < 0),
        ["DateLessThanEquals"] = Date(order => order <= 0),
        ["DateGreaterThan"] = Date(order => order > 0),
        ["DateGreaterThanEquals"] = Date(order => order >= 0),
    };

    internal static ConditionOutcome Evaluate(
        IReadOnlyList<PolicyCondition> conditions,
        IReadOnlyDictionary<string, string> context,
        out string? unsupportedDetail)
    {
        unsupportedDetail = null;
        foreach (var condition in conditions)
        {
            var outcome = Evaluate(condition, context);
            if (outcome == ConditionOutcome.NotMet)
            {
                // One false condition decides the AND, whatever else the block says.
                unsupportedDetail = null;
                return ConditionOutcome.NotMet;
            }

            if (outcome == ConditionOutcome.Unsupported && unsupportedDetail is null)
            {
                unsupportedDetail = $"Condition operator '{condition.Operator}' is not supported by the local registry (key '{condition.Key}')";
            }
        }

        return unsupportedDetail is null ? ConditionOutcome.Met : ConditionOutcome.Unsupported;
    }

    private static ConditionOutcome Evaluate(PolicyCondition condition, IReadOnlyDictionary<string, string> context)
    {
        var name = condition.Operator;
        var forAll = name.StartsWith(ForAllValuesPrefix, StringComparison.OrdinalIgnoreCase);
        var forAny = name.StartsWith(ForAnyValuePrefix, StringComparison.OrdinalIgnoreCase);
        if (forAll || forAny)
        {
            name = name.Substring((forAll ? ForAllValuesPrefix : ForAnyValuePrefix).Length);
        }

        var ifExists = name.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase);
        if (ifExists)
        {
            name = name.Substring(0, name.Length - IfExistsSuffix.Length);
        }

        var present = context.TryGetValue(condition.Key, out var actual);
        if (string.Equals(name, "Null", StringComparison.OrdinalIgnoreCase) && !forAll && !forAny && !ifExists)
        {
            return condition.Values.Any(expected =>
                (string.Equals(expected, "true", StringComparison.OrdinalIgnoreCase) && !present) ||
                (string.Equals(expected, "false", StringComparison.OrdinalIgnoreCase) && present))
                ? ConditionOutcome.Met
                : ConditionOutcome.NotMet;
        }

        if (!Operators.TryGetValue(name, out var comparison))
        {
            return ConditionOutcome.Unsupported;
        }

        bool holds;
        if (!present)
        {
            // IAM: IfExists and an empty ForAllValues set hold; a negated test of a missing key holds too.
            holds = ifExists || forAll || (!forAny && comparison.Negated);
        }
        else
        {
            // The context carries one value per key, so the request's value set has exactly one member.
            var matchesAny = condition.Values.Any(expected => comparison.Matches(actual!, expected));
            holds = comparison.Negated ? !matchesAny : matchesAny;
        }

        return holds ? ConditionOutcome.Met : ConditionOutcome.NotMet;
    }

    private static Comparison Numeric(Func<int, bool> accept, bool negated = false)
        => new Comparison(
            (actual, expected) =>
                decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var left) &&
                decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var right) &&
                accept(left.CompareTo(right)),
            negated);

    private static Comparison Date(Func<int, bool> accept, bool negated = false)
        => new Comparison(
            (actual, expected) => TryParseDate(actual, out var left) && TryParseDate(expected, out var right) && accept(left.CompareTo(right)),
            negated);

    // IAM accepts ISO 8601 dates and epoch seconds.
    private static bool TryParseDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds))
        {
            if (epochSeconds < MinEpochSeconds || epochSeconds > MaxEpochSeconds)
            {
                value = default;
                return false;
            }

            value = DateTimeOffset.FromUnixTimeSeconds(epochSeconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private sealed class Comparison
    {
        internal Comparison(Func<string, string, bool> matches, bool negated = false)
        {
            Matches = matches;
            Negated = negated;
        }

        /// <summary>Request value against one policy value, before negation.</summary>
        internal Func<string, string, bool> Matches { get; }

        internal bool Negated { get; }
    }
}
