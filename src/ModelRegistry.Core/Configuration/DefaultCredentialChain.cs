using System;
using System.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ModelRegistry.Core.Configuration;

/// <summary>
/// The AWS SDK's default credential chain. The SDK caches what its shared chain found and renews it
/// only when the access key variables, AWS_PROFILE or the shared files change; a session that sets or
/// clears a web identity or container variable would keep the old credentials. This chain is renewed
/// when any of those variables changes too, and otherwise keeps the SDK's cache, so role and SSO
/// credentials are not fetched again for every command.
/// </summary>
internal static class DefaultCredentialChain
{
    private static readonly string[] VariablesTheSdkDoesNotWatch =
    {
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_EC2_METADATA_DISABLED", "AWS_SHARED_CREDENTIALS_FILE", "HOME", "USERPROFILE",
    };

    private static readonly object Gate = new();
    private static DefaultAWSCredentialsIdentityResolver? _resolver;
    private static string? _environment;

    /// <exception cref="AmazonClientException">No source of the chain has credentials.</exception>
    public static AWSCredentials GetCredentials()
    {
        DefaultAWSCredentialsIdentityResolver resolver;
        lock (Gate)
        {
            var environment = string.Join("\n", VariablesTheSdkDoesNotWatch.Select(Environment.GetEnvironmentVariable));
            if (_resolver == null || environment != _environment)
            {
                _resolver?.Dispose();
                _resolver = new DefaultAWSCredentialsIdentityResolver();
                _environment = environment;
            }

            resolver = _resolver;
        }

        return resolver.ResolveIdentity(null);
    }
}
