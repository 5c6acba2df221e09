using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Questions a credential source asks a person, through the PowerShell host.</summary>
internal static class HostPrompt
{
    /// <summary>Asks for the MFA code of a profile with mfa_serial; null in a -NonInteractive session or at the end of input.</summary>
    public static Func<string, string, string?> ForMfaCode(PSHost host) => (profileName, serialNumber) =>
    {
        const string CodeField = "Code";
        try
        {
            var answers = host.UI.Prompt($"MFA code for profile '{profileName}'", $"Enter the current code of {serialNumber}.",
                new Collection<FieldDescription> { new(CodeField) });
            return answers != null && answers.TryGetValue(CodeField, out var code) ? code?.BaseObject as string : null;
        }
        catch (PSInvalidOperationException)
        {
            return null;
        }
    };
}
