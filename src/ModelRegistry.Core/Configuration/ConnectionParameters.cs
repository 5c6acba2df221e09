using Amazon.Runtime;

namespace ModelRegistry.Core.Configuration;

/// <summary>What a caller said explicitly about where and as whom to call AWS: the common
/// parameters every cmdlet has, with the same names and meaning as AWS Tools for PowerShell.</summary>
public sealed class ConnectionParameters
{
    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? ProfileLocation { get; set; }
    /// <summary>Credentials of any AWS SDK copy or AWS.Tools' AWSPSCredentials, read by shape (<see cref="CredentialShape"/>).</summary>
    public object? Credential { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }
    public string? EndpointUrl { get; set; }
}
