using System;
using System.Globalization;
using System.Management.Automation;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Arguments;

/// <summary>A version given as an object (Get-MRModelVersion's output, or anything with an Arn), an ARN or a
/// number, as the text Core's ModelVersionReference resolves.</summary>
internal static class VersionArgument
{
    public static string ToText(object value, string parameterName)
    {
        var unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (unwrapped)
        {
            case ModelVersionSummary version:
                return version.Arn;
            case string text:
                return text;
            case int or long or short or byte:
                return Convert.ToString(unwrapped, CultureInfo.InvariantCulture)!;
        }

        // A calculated or script property's value comes wrapped in a PSObject.
        var property = PSObject.AsPSObject(value).Properties["Arn"]?.Value;
        if ((property is PSObject wrappedArn ? wrappedArn.BaseObject : property) is string arn) return arn;
        throw new ArgumentException($"-{parameterName}: give a model version (an object with an Arn), its ARN or its number; got {unwrapped?.GetType().Name ?? "null"}.", parameterName);
    }
}
