using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.PowerShell.Completion;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>The parameters of Grant/Revoke/Test-MRCrossAccountAccess: the set-up, and credentials per
/// account. Core's <see cref="CrossAccountAccess"/> does the rest.</summary>
public abstract class CrossAccountCmdlet : AwsCmdlet
{
    private CrossAccountGrant? _grant;
    private CrossAccountConnections? _connections;

    [Parameter(Mandatory = true)]
    [ValidatePattern("^[0-9]{12}$")]
    public string RegistryAccountId { get; set; } = "";

    [Parameter(Mandatory = true)]
    [ValidatePattern("^[0-9]{12}$")]
    public string TrainingAccountId { get; set; } = "";

    [Parameter(Mandatory = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string ModelGroupName { get; set; } = "";

    [Parameter(Mandatory = true)]
    public string RepositoryName { get; set; } = "";

    [Parameter(Mandatory = true)]
    public string BucketName { get; set; } = "";

    [Parameter]
    public string? BucketPrefix { get; set; }

    /// <summary>Lets the registry account read every object of the bucket (instead of -BucketPrefix).</summary>
    [Parameter]
    public SwitchParameter WholeBucket { get; set; }

    [Parameter(Mandatory = true)]
    [Alias("KeyId")]
    public string KmsKeyId { get; set; } = "";

    [Parameter]
    public object? RegistryCredential { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? RegistryProfileName { get; set; }

    [Parameter]
    public object? TrainingCredential { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? TrainingProfileName { get; set; }

    /// <summary>Checks the set-up and resolves every account's credentials before anything is asked or sent.</summary>
    protected override void BeginOnPipelineThread()
    {
        _connections = CrossAccountConnections.Resolve(GivenConnection, RegistryProfileName, RegistryCredential, TrainingProfileName, TrainingCredential,
            SessionDefaults());
        _grant = new CrossAccountGrant(RegistryAccountId, TrainingAccountId, ModelGroupName, RepositoryName, BucketName, BucketPrefix, KmsKeyId,
            _connections.Any.RegionName, WholeBucket);
    }

    /// <summary>Finds out whose credentials were given; ends the command when they belong to the wrong account.</summary>
    protected async Task<CrossAccountAccess> OpenAsync(CancellationToken cancellationToken)
    {
        var access = await CrossAccountAccess.OpenAsync(_grant!, _connections!, cancellationToken, Traced);
        foreach (var warning in access.Warnings) WriteWarningFromWorker(warning);
        return access;
    }
}
