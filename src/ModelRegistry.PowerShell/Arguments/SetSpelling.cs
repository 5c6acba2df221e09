using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>[ValidateSet] parameters take the set's spelling: PowerShell accepts any case
/// (-ApprovalStatus approved), AWS does not.</summary>
internal static class SetSpelling
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string[] Values)[]> SetParameters = new();

    public static void Normalise(Cmdlet cmdlet)
    {
        foreach (var (property, values) in SetParameters.GetOrAdd(cmdlet.GetType(), type => type.GetProperties()
                     .Select(p => (Property: p, Set: p.GetCustomAttribute<ValidateSetAttribute>()))
                     .Where(p => p.Set != null && p.Property.CanWrite)
                     .Select(p => (p.Property, p.Set!.ValidValues.ToArray()))
                     .ToArray()))
        {
            switch (property.GetValue(cmdlet))
            {
                case string text:
                    property.SetValue(cmdlet, InputCoercion.Spelling(text, values));
                    break;
                case string[] texts:
                    property.SetValue(cmdlet, texts.Select(text => InputCoercion.Spelling(text, values)).ToArray());
                    break;
            }
        }
    }
}
