using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>[ValidateSet] parameters take the set's spelling: PowerShell accepts any case
/// (-ApprovalStatus approved), AWS does not.</summary>
internal static class SetSpelling
{
    // Plain loops and a class, not LINQ over tuples: generic code over value types is compiled at run time,
    // and every cmdlet's first call in a session paid for it.
    private static readonly ConcurrentDictionary<Type, SetParameter[]> SetParameters = new();

    public static void Normalise(Cmdlet cmdlet)
    {
        foreach (var parameter in SetParameters.GetOrAdd(cmdlet.GetType(), Find))
        {
            switch (parameter.Property.GetValue(cmdlet))
            {
                case string text:
                    parameter.Property.SetValue(cmdlet, InputCoercion.Spelling(text, parameter.Values));
                    break;
                case string[] texts:
                    var spelled = new string[texts.Length];
                    for (var i = 0; i < texts.Length; i++) spelled[i] = InputCoercion.Spelling(texts[i], parameter.Values);
                    parameter.Property.SetValue(cmdlet, spelled);
                    break;
            }
        }
    }

    private static SetParameter[] Find(Type cmdletType)
    {
        var found = new List<SetParameter>();
        foreach (var property in cmdletType.GetProperties())
        {
            if (property.CanWrite && property.GetCustomAttribute<ValidateSetAttribute>() is { } set)
            {
                found.Add(new SetParameter(property, new List<string>(set.ValidValues).ToArray()));
            }
        }

        return found.ToArray();
    }

    private sealed class SetParameter
    {
        public SetParameter(PropertyInfo property, string[] values)
        {
            Property = property;
            Values = values;
        }

        public PropertyInfo Property { get; }
        public string[] Values { get; }
    }
}
