using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Profile names from the shared credentials and config files (-ProfileLocation's file when
/// given), including SSO and role profiles that hold no keys.</summary>
public sealed class ProfileNameCompleter : ListCompleter
{
    // [name] in the credentials file, [profile name] or [default] in the config file; not [sso-session x] or [services x].
    private static readonly Regex Section = new(@"^\s*\[\s*(?:profile\s+)?(?<name>[^\]\s]+)\s*\]\s*$", RegexOptions.CultureInvariant);

    protected override IEnumerable<string> Values(IDictionary fakeBoundParameters, string wordToComplete)
    {
        var files = fakeBoundParameters?["ProfileLocation"] is string location
            ? new[] { location }
            : new[] { SharedFile("AWS_SHARED_CREDENTIALS_FILE", "credentials"), SharedFile("AWS_CONFIG_FILE", "config") };
        return files.Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => Section.Match(line))
            .Where(match => match.Success && !match.Value.Contains("sso-session") && !match.Value.Contains("services "))
            .Select(match => match.Groups["name"].Value)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal);
    }

    private static string SharedFile(string variable, string name) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", name);
}
