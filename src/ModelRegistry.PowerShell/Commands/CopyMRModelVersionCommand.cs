using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Workflow;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Promotes model versions to a model group in another account and/or region (a dev registry
/// to the prod registry). The source is read with -SourceCredential/-SourceProfileName (else the common
/// credentials) in -SourceRegion (else the region in its ARN); the copy is registered with the common AWS
/// parameters. Core's ModelVersionCopy builds the copy; a rerun returns the same copy.</summary>
[Cmdlet(VerbsCommon.Copy, "MRModelVersion", SupportsShouldProcess = true)]
[OutputType(typeof(ModelVersion))]
public sealed class CopyMRModelVersionCommand : AwsCmdlet
{
    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageName"] = nameof(SourceArn),
        ["ModelPackageGroupName"] = nameof(DestinationGroupName),
        ["ModelApprovalStatus"] = nameof(ApprovalStatus),
        [""] = nameof(SourceArn),
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Source clients per region; a pipeline may bring versions of several regions.</summary>
    private readonly ConcurrentDictionary<string, (ResolvedConnection Connection, SageMakerClient Client)> _sources = new();
    private IReadOnlyList<SessionDefault> _sessionDefaults = new List<SessionDefault>();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Arn", "ModelPackageArn")]
    [ValidateNotNullOrEmpty]
    public string SourceArn { get; set; } = "";

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? SourceRegion { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? SourceProfileName { get; set; }

    [Parameter]
    public object? SourceCredential { get; set; }

    /// <summary>The destination group's name or ARN; it must exist. Completed with the groups of the
    /// destination's connection (the common AWS parameters).</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string DestinationGroupName { get; set; } = "";

    [Parameter]
    [ValidateSet(ModelApprovalStatus.PendingManualApproval, ModelApprovalStatus.Approved, ModelApprovalStatus.Rejected)]
    public string ApprovalStatus { get; set; } = ModelApprovalStatus.PendingManualApproval;

    /// <summary>Copies without checking that the destination account may read the source's images and artifacts.</summary>
    [Parameter]
    public SwitchParameter SkipAccessCheck { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    /// <summary>Resolves the destination, then the source as given, so a bad -SourceProfileName or
    /// -SourceRegion ends the command before anything is asked or sent.</summary>
    protected override void BeginOnPipelineThread()
    {
        base.BeginOnPipelineThread();
        _sessionDefaults = SessionDefaults();
        ResolveSource(SourceRegion ?? Connection.RegionName);
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(SourceArn, async () =>
    {
        var sourceRegion = SourceRegion ?? (RegistryArn.TryParse(SourceArn, out var parsed) ? parsed!.Region : null);
        var source = _sources.GetOrAdd(sourceRegion ?? "", _ =>
        {
            var connection = ResolveSource(sourceRegion);
            return (connection, new SageMakerClient(connection.ToConnection()));
        });
        var copy = await ModelVersionCopy.PlanAsync(source.Client, SourceArn, Client, DestinationGroupName, Connection.RegionName, ApprovalStatus,
            cancellationToken);
        if (!SkipAccessCheck)
        {
            var sourceAccount = RegistryArn.Parse(copy.Source.Arn).AccountId;
            var destinationAccount = RegistryArn.Parse(copy.Destination.Arn).AccountId;
            var check = await SourceReadCheck.RunAsync(copy.Request.InferenceSpecification, sourceAccount, destinationAccount,
                source.Connection.ToConnection(), cancellationToken);
            foreach (var notChecked in check.NotChecked) WriteWarningFromWorker("Not checked: " + notChecked);
            if (check.Failure(copy.Source.Arn, destinationAccount) is { } failure) throw failure;
        }

        if (!ShouldChange(copy.Destination.Arn, $"Register a copy of {copy.Source.Arn}", detail: copy.Request.ToJson().ToJsonString(Indented))) return;
        var registration = await copy.RegisterAsync(Client, cancellationToken);
        if (registration.Warning != null) WriteWarningFromWorker(registration.Warning);
        WriteObjectFromWorker(registration.Version);
    });

    /// <summary>The destination's connection. -ProfileLocation with -SourceProfileName alone is the file of the
    /// source's profile, not a refused -ProfileLocation without -ProfileName for the destination.</summary>
    protected override ResolvedConnection ResolveConnection() =>
        ConnectionResolver.Resolve(GivenConnection.ForCommonCredentials(!string.IsNullOrEmpty(SourceProfileName)), SessionDefaults());

    /// <summary>The source's connection: its own credentials when given (else the common ones), in <paramref name="region"/>.</summary>
    private ResolvedConnection ResolveSource(string? region)
    {
        var parameters = GivenConnection;
        parameters.Region = region;
        if (SourceProfileName != null || SourceCredential != null)
        {
            parameters.ProfileName = SourceProfileName;
            parameters.Credential = SourceCredential;
            parameters.AccessKey = parameters.SecretKey = parameters.SessionToken = null;
        }

        return ConnectionResolver.Resolve(parameters, _sessionDefaults);
    }

    protected override void ReleaseResources()
    {
        foreach (var source in _sources.Values) source.Client.Dispose();
        base.ReleaseResources();
    }
}
