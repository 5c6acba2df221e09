using System;
using System.Management.Automation;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>A -Policy argument to a policy document: JSON text, a hashtable or object shaped like the
/// policy, a parsed document, or what Get-MRGroupPolicy returned.</summary>
internal static class GroupPolicyInput
{
    public static PolicyDocument ToDocument(object? value, string parameterName)
    {
        var unwrapped = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        try
        {
            return unwrapped switch
            {
                null => throw new ArgumentException($"-{parameterName} must not be null.", parameterName),
                PolicyDocument document => document,
                ModelGroupResourcePolicy fromGet => fromGet.ToPolicyDocument(),
                string json => PolicyDocument.Parse(json),
                _ => PolicyDocument.Parse(PSObjectJson.ToJson(value, parameterName)?.ToJsonString() ?? "null"),
            };
        }
        catch (PolicyFormatException e)
        {
            throw new ArgumentException($"-{parameterName}: {e.Message}", parameterName, e);
        }
    }
}
