using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>Hashtable parameters (-Tag, -Metadata, -Environment) to the string maps AWS takes.
/// Values are text, numbers or true/false; anything else (a nested hashtable, a list) is refused
/// rather than sent as its .NET type name.</summary>
internal static class Hashtables
{
    public static Dictionary<string, string>? ToStringMap(IDictionary? table, string parameterName)
    {
        if (table == null) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = Unwrap(entry.Key) as string ?? Scalar(Unwrap(entry.Key));
            if (string.IsNullOrEmpty(key))
                throw new ArgumentException($"-{parameterName}: keys must be non-empty strings.", parameterName);
            var value = Unwrap(entry.Value);
            map[key!] = value is null ? "" : Scalar(value)
                ?? throw new ArgumentException(
                    $"-{parameterName}: the value of '{key}' is {Describe(value)}; give text, a number or true/false.", parameterName);
        }
        return map;
    }

    public static List<ResourceTag>? ToTags(IDictionary? table, string parameterName) =>
        ToStringMap(table, parameterName)?.Select(pair => new ResourceTag(pair.Key, pair.Value)).ToList();

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>Invariant text of a scalar; null for anything that is not one.</summary>
    private static string? Scalar(object? value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToString(value,
            CultureInfo.InvariantCulture),
        Enum => value.ToString(),
        _ => null,
    };

    private static string Describe(object value) => value switch
    {
        IDictionary => "a hashtable",
        PSCustomObject => "an object",
        IEnumerable => "a list",
        _ => "a " + value.GetType().Name,
    };
}
