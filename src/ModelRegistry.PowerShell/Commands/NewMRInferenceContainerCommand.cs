using System.Collections;
using System.Management.Automation;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Builds an inference container (image, model artifacts, environment, framework) for
/// New-MRModelVersion; several piped in form an inference pipeline. Sends nothing.</summary>
[Cmdlet(VerbsCommon.New, "MRInferenceContainer")]
[OutputType(typeof(InferenceContainer))]
public sealed class NewMRInferenceContainerCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Image { get; set; } = "";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ModelDataUrl { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Hashtable? Environment { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(FrameworkCompleter))]
    public string? Framework { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? FrameworkVersion { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? NearestModelName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ContainerHostname { get; set; }

    /// <summary>ModelInput.DataInputConfig, e.g. '{"input_1":[1,28,28,1]}'.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? DataInputConfig { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(new InferenceContainer(Image)
            {
                ModelDataUrl = ModelDataUrl,
                Environment = Hashtables.ToStringMap(Environment, nameof(Environment)),
                Framework = Framework,
                FrameworkVersion = FrameworkVersion,
                NearestModelName = NearestModelName,
                ContainerHostname = ContainerHostname,
                DataInputConfig = DataInputConfig,
            });
        }
        catch (System.ArgumentException e)
        {
            WriteError(new ErrorRecord(e, ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, Environment));
        }
    }
}
