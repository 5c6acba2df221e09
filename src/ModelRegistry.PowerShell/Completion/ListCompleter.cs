using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Completes a parameter from a list of values, matching what was typed at the start (any case).</summary>
public abstract class ListCompleter : IArgumentCompleter
{
    /// <summary>The values to offer, in the order shown.</summary>
    protected abstract IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Matching(Values(fakeBoundParameters, wordToComplete), wordToComplete);

    internal static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string wordToComplete)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return values
            .Where(value => value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Select(value => new CompletionResult(Quoted(value), value, CompletionResultType.ParameterValue, value));
    }

    private static string Quoted(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '@', '#' }) < 0 ? value : "'" + value.Replace("'", "''") + "'";
}
