using System.Collections.Generic;
using System.Management.Automation;
using Amazon.Runtime;
using ModelRegistry.Core.Configuration;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Reads the session defaults that AWS.Tools.Common's Set-AWSCredential and
/// Set-DefaultAWSRegion leave, by shape: that module's types are not referenced, and it may not be
/// loaded at all.</summary>
internal static class AwsToolsSession
{
    public const string CredentialsVariable = "StoredAWSCredentials";
    public const string RegionVariable = "StoredAWSRegion";

    /// <param name="variable">Reads a session variable by name (null when not set).</param>
    public static IEnumerable<SessionDefault> Read(System.Func<string, object?> variable)
    {
        // AWS.Tools stores an AWSPSCredentials wrapper; the SDK credentials are its Credentials property.
        // Properties are read from the PSObject itself: a PSCustomObject's base object has none.
        var stored = variable(CredentialsVariable);
        var credentials = Unwrap(stored) as AWSCredentials ?? Unwrap(PropertyOf(stored, "Credentials")) as AWSCredentials;
        if (credentials != null)
        {
            var name = PropertyOf(stored, "Name")?.ToString();
            var source = "$" + CredentialsVariable + (string.IsNullOrEmpty(name) ? "" : $" ('{name}')");
            yield return new SessionDefault(source, credentials, null, null);
        }

        var region = Unwrap(variable(RegionVariable))?.ToString();
        if (!string.IsNullOrEmpty(region)) yield return new SessionDefault("$" + RegionVariable, null, region, null);
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static object? PropertyOf(object? value, string name) =>
        value == null ? null : PSObject.AsPSObject(value).Properties[name]?.Value;
}
