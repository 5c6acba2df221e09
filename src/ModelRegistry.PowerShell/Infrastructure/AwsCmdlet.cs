using System.Collections.Generic;
using System.Management.Automation;
using Amazon.Runtime;
using ModelRegistry.Core.Configuration;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of every cmdlet that calls AWS: the common parameters of AWS Tools for PowerShell,
/// with the same aliases, and their resolution into a connection.</summary>
public abstract class AwsCmdlet : AsyncPSCmdlet
{
    [Parameter]
    [Alias("RegionToCall")]
    public string? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    public string? ProfileName { get; set; }

    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    [Parameter]
    public AWSCredentials? Credential { get; set; }

    [Parameter]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    [Parameter]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    [Parameter]
    public string? EndpointUrl { get; set; }

    [Parameter]
    public SwitchParameter UseFipsEndpoint { get; set; }

    [Parameter]
    public SwitchParameter UseDualStackEndpoint { get; set; }

    /// <summary>Resolves the connection on the pipeline thread (session variables are read there);
    /// a bad parameter ends the command with the resolver's ErrorId.</summary>
    protected ResolvedConnection ResolveConnection() => ResolveConnection(new ConnectionParameters
    {
        Region = Region,
        ProfileName = ProfileName,
        ProfileLocation = ProfileLocation,
        Credential = Credential,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
        EndpointUrl = EndpointUrl,
        UseFipsEndpoint = MyInvocation.BoundParameters.ContainsKey(nameof(UseFipsEndpoint)) ? UseFipsEndpoint.IsPresent : null,
        UseDualStackEndpoint = MyInvocation.BoundParameters.ContainsKey(nameof(UseDualStackEndpoint)) ? UseDualStackEndpoint.IsPresent : null,
    })!;

    /// <summary>Resolves <paramref name="parameters"/> against this session's defaults.</summary>
    /// <returns>Null only when no credentials exist anywhere and <paramref name="mayLackCredentials"/>.</returns>
    protected ResolvedConnection? ResolveConnection(ConnectionParameters parameters, bool mayLackCredentials = false)
    {
        var defaults = new List<SessionDefault>();
        if (ModuleSession.Current.LocalRegistry is { } local) defaults.Add(local);
        defaults.AddRange(AwsToolsSession.Read(SessionState));
        try
        {
            var resolved = ConnectionResolver.Resolve(parameters, defaults);
            WriteDebug($"ModelRegistry: region {resolved.Region.SystemName} from {resolved.RegionSource}; " +
                       $"credentials from {resolved.CredentialSource}" +
                       (resolved.EndpointUrl == null ? "" : $"; endpoint {resolved.EndpointUrl} from {resolved.EndpointSource}"));
            return resolved;
        }
        catch (ConfigurationException e) when (e.ErrorId == "NoCredentials" && mayLackCredentials)
        {
            return null;
        }
        catch (ConfigurationException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidArgument, e.Value ?? e.ParameterName));
            throw;
        }
    }
}
