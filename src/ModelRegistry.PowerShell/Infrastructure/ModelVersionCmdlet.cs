using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Completion;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>The parameters of the cmdlets that act on one model version per pipeline item: its ARN
/// (piped versions bind by it), or its group with a version number or -Latest.</summary>
public abstract class ModelVersionCmdlet : AwsCmdlet
{
    protected const string ByArnSet = "ByArn";
    protected const string ByNumberSet = "ByNumber";
    protected const string LatestSet = "Latest";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByArnSet)]
    [Alias("ModelPackageArn")]
    [ValidateNotNullOrEmpty]
    public string Arn { get; set; } = "";

    /// <summary>The group (name or ARN) of the version given by -Version or -Latest.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByNumberSet)]
    [Parameter(Mandatory = true, ParameterSetName = LatestSet)]
    [Alias("ModelPackageGroupName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string GroupName { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ByNumberSet)]
    [Alias("ModelPackageVersion")]
    [ValidateRange(1, int.MaxValue)]
    public int Version { get; set; }

    /// <summary>The group's newest version.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LatestSet)]
    public SwitchParameter Latest { get; set; }

    /// <summary>The version's ARN, as given or found from the group; a group ARN given as -Arn is refused.</summary>
    protected Task<string> VersionArnAsync(CancellationToken cancellationToken) => ParameterSetName == ByArnSet
        ? Task.FromResult(RegistryArn.RefuseGroup(Arn, nameof(Arn)))
        : Client.FindVersionArnAsync(GroupName, ParameterSetName == ByNumberSet ? Version : null, cancellationToken);

    /// <summary>What error records name as the item.</summary>
    protected string Item => ParameterSetName == ByArnSet ? Arn : ParameterSetName == ByNumberSet ? $"{GroupName}/{Version}" : $"{GroupName} (latest)";

    /// <summary>Approve- and Deny-MRModelVersion: sets the approval status with its reason, after confirmation.</summary>
    protected Task DecideApprovalAsync(string status, string action, string? reason, bool passThru, CancellationToken cancellationToken) =>
        ForItemAsync(Item, async () =>
        {
            var arn = await VersionArnAsync(cancellationToken);
            if (!ShouldChange(arn, action)) return;
            var update = new ModelVersionUpdate(arn) { ApprovalStatus = status, ApprovalDescription = reason };
            if (await Client.UpdateModelVersionAsync(update, passThru, cancellationToken) is { } version) WriteObjectFromWorker(version);
        });
}
