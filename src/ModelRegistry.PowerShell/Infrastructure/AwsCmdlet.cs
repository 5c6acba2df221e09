using System.Collections.Generic;
using System.Management.Automation;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Session;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of every cmdlet that calls AWS: the common parameters of AWS Tools for PowerShell,
/// with the same aliases, resolved into a connection before anything else happens.</summary>
public abstract class AwsCmdlet : AsyncPSCmdlet
{
    private SageMakerClient? _client;
    private ResolvedConnection? _connection;

    [Parameter]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public string? ProfileLocation { get; set; }

    /// <summary>AWS credentials of any AWS SDK copy (AWS.Tools' too), read by their shape.</summary>
    [Parameter]
    public object? Credential { get; set; }

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
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    [Parameter]
    public SwitchParameter UseFipsEndpoint { get; set; }

    [Parameter]
    public SwitchParameter UseDualStackEndpoint { get; set; }

    /// <summary>Where calls go and as whom; resolved in BeginProcessing.</summary>
    protected ResolvedConnection Connection => _connection!;

    /// <summary>The SageMaker client of this command, created on first use.</summary>
    protected SageMakerClient Client => _client ??= new SageMakerClient(Traced(Connection));

    /// <summary>The connection for a client, saying each call under -Verbose (operation, endpoint, region, whose credentials).</summary>
    protected AwsConnection Traced(ResolvedConnection resolved)
    {
        var connection = resolved.ToConnection();
        connection.Trace = call => WriteVerboseFromWorker($"{call} as {resolved.CredentialSource}");
        return connection;
    }

    /// <summary>The common parameters as given.</summary>
    protected ConnectionParameters GivenConnection => new()
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
        MfaCodePrompt = HostPrompt.ForMfaCode(Host),
    };

    /// <summary>What this session set: the local registry started here, then AWS.Tools' stored credentials and region.</summary>
    protected IReadOnlyList<SessionDefault> SessionDefaults()
    {
        var defaults = new List<SessionDefault>();
        if (ModuleSession.Current.LocalRegistry is { } local) defaults.Add(local);
        defaults.AddRange(AwsToolsSession.Read(SessionState.PSVariable.GetValue));
        return defaults;
    }

    /// <summary>Resolves the connection once, before any item: a bad -Region or an unknown profile ends
    /// the command before anything is asked or sent.</summary>
    protected override void BeginOnPipelineThread()
    {
        _connection = ResolveConnection();
        WriteDebug($"ModelRegistry: region {_connection.RegionName} from {_connection.RegionSource}; " +
                   $"credentials from {_connection.CredentialSource}" +
                   (_connection.EndpointUrl == null ? "" : $"; endpoint {_connection.EndpointUrl} from {_connection.EndpointSource}"));
    }

    /// <summary>The connection of the common parameters and session defaults.</summary>
    protected virtual ResolvedConnection ResolveConnection() => ConnectionResolver.Resolve(GivenConnection, SessionDefaults());

    protected override void ReleaseResources() => _client?.Dispose();
}
