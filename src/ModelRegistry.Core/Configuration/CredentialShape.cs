using System;
using System.Reflection;
using Amazon.Runtime;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// Credentials given as any object that looks like AWS credentials: this module's own
/// <see cref="AWSCredentials"/>, AWS.Tools' AWSPSCredentials wrapper (its Credentials property), or
/// an AWSCredentials of another copy of the AWS SDK (any version, loaded by another module), read by
/// its shape (GetCredentials() → AccessKey, SecretKey, Token), never by type identity.
/// </summary>
public static class CredentialShape
{
    /// <returns>The credentials, or null when <paramref name="value"/> has no credential shape.</returns>
    public static AWSCredentials? From(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case AWSCredentials own:
                return own;
        }

        var type = value.GetType();
        // AWS.Tools' AWSPSCredentials keeps the SDK credentials in its Credentials property.
        if (type.GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance) is { } wrapped && wrapped.GetIndexParameters().Length == 0)
        {
            return From(wrapped.GetValue(value));
        }

        return type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null) is { } getCredentials
            ? new ForeignCredentials(value, getCredentials)
            : null;
    }

    /// <summary>Credentials of another SDK copy, asked for their keys on every use, so refreshing
    /// credentials (roles, SSO) stay fresh.</summary>
    private sealed class ForeignCredentials : AWSCredentials
    {
        private readonly object _credentials;
        private readonly MethodInfo _getCredentials;

        public ForeignCredentials(object credentials, MethodInfo getCredentials)
        {
            _credentials = credentials;
            _getCredentials = getCredentials;
        }

        public override ImmutableCredentials GetCredentials()
        {
            var keys = _getCredentials.Invoke(_credentials, null)
                ?? throw new ConfigurationException(ErrorIds.InvalidCredential,
                    $"-Credential: {_credentials.GetType().FullName} gives no keys (anonymous credentials cannot sign AWS calls).", "Credential");
            string? Text(string name) => keys.GetType().GetProperty(name)?.GetValue(keys) as string;
            var accessKey = Text("AccessKey");
            var secretKey = Text("SecretKey");
            if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
            {
                throw new ConfigurationException(ErrorIds.InvalidCredential,
                    $"-Credential: {_credentials.GetType().FullName} gave no access key and secret key.", "Credential");
            }

            return new ImmutableCredentials(accessKey, secretKey, Text("Token"));
        }
    }
}
