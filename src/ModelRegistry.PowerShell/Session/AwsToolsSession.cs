using System.Collections.Generic;
using System.Management.Automation;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Errors;

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
        // Either may be of another copy of the AWS SDK: Core reads them by shape.
        var stored = variable(CredentialsVariable);
        var name = PropertyOf(stored, "Name")?.ToString();
        var source = "$" + CredentialsVariable + (string.IsNullOrEmpty(name) ? "" : $" ('{name}')");
        if ((SessionDefault.ForStoredCredentials(source, Unwrap(stored)) ?? SessionDefault.ForStoredCredentials(source, Unwrap(PropertyOf(stored,
            "Credentials")))) is { } credentials)
        {
            yield return credentials;
        }
        else if (Unwrap(stored) is { } other)
        {
            throw new ConfigurationException(ErrorIds.InvalidCredential,
                $"${CredentialsVariable} holds a {other.GetType().Name}, which is not AWS credentials: run Set-AWSCredential again, or Remove-Variable {CredentialsVariable} -Scope Global.",
                CredentialsVariable, other.GetType().FullName);
        }

        var region = Unwrap(variable(RegionVariable))?.ToString();
        if (!string.IsNullOrEmpty(region)) yield return SessionDefault.ForStoredRegion("$" + RegionVariable, region!);
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static object? PropertyOf(object? value, string name) =>
        value == null ? null : PSObject.AsPSObject(value).Properties[name]?.Value;
}
