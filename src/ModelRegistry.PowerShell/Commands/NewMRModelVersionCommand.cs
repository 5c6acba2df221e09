using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Registers a model version in a model group: one container (-Image/-ModelDataUrl), an
/// inference pipeline (containers piped in or -Container), or the boto3 create_model_package input
/// (-InputJson / -InputObject). Always sends a ClientToken, so SDK retries never add a version.</summary>
[Cmdlet(VerbsCommon.New, "MRModelVersion", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(ModelVersion))]
public sealed class NewMRModelVersionCommand : AwsCmdlet
{
    private const string ImageSet = "Image";
    private const string ContainerSet = "Container";
    private const string InputJsonSet = "InputJson";
    private const string InputObjectSet = "InputObject";

    private static readonly Dictionary<string, string> CommonMembers = new()
    {
        ["ModelPackageGroupName"] = nameof(GroupName),
        ["ModelPackageDescription"] = nameof(Description),
        ["ModelApprovalStatus"] = nameof(ApprovalStatus),
        ["InferenceSpecification.SupportedContentTypes"] = nameof(ContentType),
        ["InferenceSpecification.SupportedResponseMIMETypes"] = nameof(ResponseContentType),
        ["InferenceSpecification.SupportedRealtimeInferenceInstanceTypes"] = nameof(RealtimeInstanceType),
        ["InferenceSpecification.SupportedTransformInstanceTypes"] = nameof(TransformInstanceType),
        ["CustomerMetadataProperties"] = nameof(Metadata),
        ["Domain"] = nameof(Domain),
        ["Task"] = nameof(Task),
        ["SamplePayloadUrl"] = nameof(SamplePayloadUrl),
        ["ModelMetrics"] = nameof(ModelMetric),
        ["Tags"] = nameof(Tag),
        ["ClientToken"] = nameof(ClientToken),
        ["MetadataProperties.CommitId"] = nameof(CommitId),
        ["MetadataProperties.Repository"] = nameof(Repository),
        ["MetadataProperties.GeneratedBy"] = nameof(GeneratedBy),
        ["MetadataProperties.ProjectId"] = nameof(ProjectId),
        ["ModelLifeCycle"] = nameof(Stage),
        ["ModelLifeCycle.Stage"] = nameof(Stage),
        ["ModelLifeCycle.StageStatus"] = nameof(StageStatus),
        ["ModelLifeCycle.StageDescription"] = nameof(StageDescription),
    };

    private static readonly Dictionary<string, string> ImageMembers = new(CommonMembers)
    {
        ["InferenceSpecification.Containers"] = nameof(Image),
        ["InferenceSpecification.Containers[].Image"] = nameof(Image),
        ["InferenceSpecification.Containers[].ModelDataUrl"] = nameof(ModelDataUrl),
        ["InferenceSpecification.Containers[].Environment"] = nameof(Environment),
        ["InferenceSpecification.Containers[].Framework"] = nameof(Framework),
        ["InferenceSpecification.Containers[].FrameworkVersion"] = nameof(FrameworkVersion),
        ["InferenceSpecification.Containers[].NearestModelName"] = nameof(NearestModelName),
        ["InferenceSpecification.Containers[].ModelInput.DataInputConfig"] = nameof(DataInputConfig),
    };

    private static readonly Dictionary<string, string> ContainerMembers = new(CommonMembers)
    {
        ["InferenceSpecification.Containers"] = nameof(Container),
    };

    private static readonly Dictionary<string, string> InputJsonMembers = new() { ["ClientToken"] = nameof(ClientToken), [""] = nameof(InputJson) };
    private static readonly Dictionary<string, string> InputObjectMembers = new() { ["ClientToken"] = nameof(ClientToken), [""] = nameof(InputObject) };

    private readonly List<InferenceContainer> _pipedContainers = new();
    private readonly List<string> _pipedJson = new();
    private bool _containersFromPipeline;
    private bool _objectsFromPipeline;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ImageSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ContainerSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupName", "Name")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string GroupName { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ImageSet)]
    [ValidateNotNullOrEmpty]
    public string Image { get; set; } = "";

    [Parameter(ParameterSetName = ImageSet)]
    [ValidateNotNullOrEmpty]
    public string? ModelDataUrl { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    public Hashtable? Environment { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [ArgumentCompleter(typeof(FrameworkCompleter))]
    public string? Framework { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    public string? FrameworkVersion { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    public string? NearestModelName { get; set; }

    /// <summary>ModelInput.DataInputConfig of the one container.</summary>
    [Parameter(ParameterSetName = ImageSet)]
    public string? DataInputConfig { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ContainerSet, ValueFromPipeline = true)]
    public InferenceContainer[] Container { get; set; } = Array.Empty<InferenceContainer>();

    /// <summary>The boto3 input dict as JSON: one string, or lines (Get-Content without -Raw).</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputJsonSet)]
    [ValidateNotNullOrEmpty]
    public string[] InputJson { get; set; } = Array.Empty<string>();

    /// <summary>The boto3 input dict as a hashtable or object, or as JSON text; ConvertFrom-Json output and
    /// JSON text (whole documents, or the lines of one) pipe in.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object InputObject { get; set; } = new();

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(ContentTypeCompleter))]
    public string[]? ContentType { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(ContentTypeCompleter))]
    public string[]? ResponseContentType { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(InstanceTypeCompleter))]
    public string[]? RealtimeInstanceType { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(TransformInstanceTypeCompleter))]
    public string[]? TransformInstanceType { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? Description { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ValidateSet(ModelApprovalStatus.PendingManualApproval, ModelApprovalStatus.Approved, ModelApprovalStatus.Rejected)]
    public string ApprovalStatus { get; set; } = ModelApprovalStatus.PendingManualApproval;

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public Hashtable? Metadata { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(DomainCompleter))]
    public string? Domain { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    [ArgumentCompleter(typeof(TaskCompleter))]
    public string? Task { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? SamplePayloadUrl { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public ModelMetricReport[]? ModelMetric { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public Hashtable? Tag { get; set; }

    /// <summary>Lineage (MetadataProperties): each given member wins over the CI system's value.</summary>
    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? CommitId { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? Repository { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? GeneratedBy { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? ProjectId { get; set; }

    /// <summary>Sends no lineage from the CI environment (explicit members are still sent).</summary>
    [Parameter]
    public SwitchParameter NoLineage { get; set; }

    /// <summary>ModelLifeCycle: -Stage and -StageStatus go together.</summary>
    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? Stage { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? StageStatus { get; set; }

    [Parameter(ParameterSetName = ImageSet)]
    [Parameter(ParameterSetName = ContainerSet)]
    public string? StageDescription { get; set; }

    /// <summary>Idempotency token: a rerun with the same token returns the version it created.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ClientToken { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => ParameterSetName switch
    {
        ContainerSet => ContainerMembers,
        InputJsonSet => InputJsonMembers,
        InputObjectSet => InputObjectMembers,
        _ => ImageMembers,
    };

    protected override void BeginOnPipelineThread()
    {
        // Parameters bound here came from the command line; -Container bound later came from the pipeline.
        _containersFromPipeline = !MyInvocation.BoundParameters.ContainsKey(nameof(Container));
        _objectsFromPipeline = !MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));
        base.BeginOnPipelineThread();
    }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        switch (ParameterSetName)
        {
            case ContainerSet when _containersFromPipeline:
                // Containers piped in form one inference pipeline, registered when the input ends.
                _pipedContainers.AddRange(Container);
                return System.Threading.Tasks.Task.CompletedTask;
            case ContainerSet:
                return RegisterAsync(() => BuildRequest(Container), cancellationToken);
            case InputObjectSet when _objectsFromPipeline && Unwrapped(InputObject) is string text:
                // Piped lines (Get-Content without -Raw) are one document; piped documents are each one.
                _pipedJson.Add(text);
                return System.Threading.Tasks.Task.CompletedTask;
            case InputJsonSet:
                return RegisterAsync(() => FromJsonText(string.Join("\n", InputJson), nameof(InputJson)), cancellationToken);
            default:
                return RegisterAsync(() => BuildRequest(null), cancellationToken);
        }
    }

    protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        if (_pipedContainers.Count > 0) await RegisterAsync(() => BuildRequest(_pipedContainers), cancellationToken);
        if (_pipedJson.Count == 0) return;
        // Lines of one document, JSON Lines, or several documents one after another: each whole document is one version.
        foreach (var document in ModelVersionRequest.SplitDocuments(string.Join("\n", _pipedJson))) await RegisterAsync(() => FromJsonText(document,
            nameof(InputObject)), cancellationToken);
    }

    private Task RegisterAsync(Func<ModelVersionRequest> buildRequest, CancellationToken cancellationToken)
    {
        var target = ParameterSetName is InputJsonSet or InputObjectSet ? "model version from " + ParameterSetName : GroupName;
        return ForItemAsync(target, async () =>
        {
            var request = WithTokenAndLineage(ReadInput(buildRequest));
            var containerCount = request.InferenceSpecification?.Containers.Count ?? 0;
            if (!ShouldChange(request.GroupName ?? "(no group)", $"Register a model version with {containerCount} container(s)")) return;

            var registration = await Client.RegisterModelVersionAsync(request, cancellationToken);
            if (registration.Warning != null) WriteWarningFromWorker(registration.Warning);
            WriteObjectFromWorker(registration.Version);
        });
    }

    private ModelVersionRequest BuildRequest(IList<InferenceContainer>? containers)
    {
        ModelVersionRequest request;
        switch (ParameterSetName)
        {
            case InputObjectSet when Unwrapped(InputObject) is string text:
                request = FromJsonText(text, nameof(InputObject));
                break;
            case InputObjectSet:
                request = PSObjectJson.ToJson(InputObject, nameof(InputObject)) is JsonObject json
                    ? ModelVersionRequest.FromJson(json)
                    : throw new ArgumentException("-InputObject must be a hashtable or object with the create_model_package members.", nameof(InputObject));
                break;
            default:
                request = new ModelVersionRequest(GroupName)
                {
                    Description = Description,
                    ApprovalStatus = ApprovalStatus,
                    InferenceSpecification = new InferenceSpecification
                    {
                        Containers = containers?.ToList() ?? new List<InferenceContainer> { SingleContainer() },
                        SupportedContentTypes = ContentType,
                        SupportedResponseMIMETypes = ResponseContentType,
                        SupportedRealtimeInferenceInstanceTypes = RealtimeInstanceType,
                        SupportedTransformInstanceTypes = TransformInstanceType,
                    },
                    CustomerMetadataProperties = Hashtables.ToStringMap(Metadata, nameof(Metadata)),
                    Domain = Domain,
                    Task = Task,
                    SamplePayloadUrl = SamplePayloadUrl,
                    ModelMetrics = ModelMetric is { Length: > 0 } ? ModelMetricReport.Combine(ModelMetric) : null,
                    Tags = Hashtables.ToTags(Tag, nameof(Tag)),
                    Lineage = MetadataProperties.Of(CommitId, Repository, GeneratedBy, ProjectId),
                    LifeCycle = (Stage ?? StageStatus ?? StageDescription) is null ? null : new ModelLifeCycle(Stage, StageStatus, StageDescription),
                };
                break;
        }
        return request;
    }

    /// <summary>What every parameter set adds: -ClientToken over the input's, and the CI system's lineage where none was given.</summary>
    private ModelVersionRequest WithTokenAndLineage(ModelVersionRequest request)
    {
        if (ClientToken != null) request.ClientToken = ClientToken;
        if (!NoLineage && CiLineage.FromEnvironment() is { } ci && ci.FillIn(request)) WriteVerboseFromWorker($"Lineage from {ci.System}: {request.Lineage}");
        return request;
    }

    private static object Unwrapped(object value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static ModelVersionRequest FromJsonText(string json, string parameterName)
    {
        try
        {
            return ModelVersionRequest.FromJson(json);
        }
        catch (FormatException e)
        {
            throw ModelRegistryException.InvalidArgument(ErrorIds.InvalidParameter, parameterName, null, $"-{parameterName}: {e.Message}");
        }
    }

    private InferenceContainer SingleContainer() => new(Image)
    {
        ModelDataUrl = ModelDataUrl,
        Environment = Hashtables.ToStringMap(Environment, nameof(Environment)),
        Framework = Framework,
        FrameworkVersion = FrameworkVersion,
        NearestModelName = NearestModelName,
        DataInputConfig = DataInputConfig,
    };
}
