using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>Hashtable parameters (-Tag, -Metadata, -Environment) to the string maps AWS takes.</summary>
internal static class Hashtables
{
    public static Dictionary<string, string>? ToStringMap(IDictionary? table, string parameterName)
    {
        if (table == null) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            var key = Text(entry.Key);
            if (string.IsNullOrEmpty(key))
                throw new ArgumentException($"-{parameterName}: keys must be non-empty strings.", parameterName);
            map[key!] = Text(entry.Value) ?? "";
        }
        return map;
    }

    public static List<ResourceTag>? ToTags(IDictionary? table, string parameterName) =>
        ToStringMap(table, parameterName)?.Select(pair => new ResourceTag(pair.Key, pair.Value)).ToList();

    private static string? Text(object? value) => value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
}
