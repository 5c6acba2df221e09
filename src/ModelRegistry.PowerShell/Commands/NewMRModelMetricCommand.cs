using System.Management.Automation;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Describes one model metrics report in S3 (model quality, data quality, bias,
/// explainability) for New-MRModelVersion -ModelMetric. Sends nothing.</summary>
[Cmdlet(VerbsCommon.New, "MRModelMetric")]
[OutputType(typeof(ModelMetricReport))]
public sealed class NewMRModelMetricCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public ModelMetricKind Kind { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string S3Uri { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ContentType { get; set; } = "application/json";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ContentDigest { get; set; }

    protected override void ProcessRecord() =>
        WriteObject(new ModelMetricReport(Kind, new MetricsSource(ContentType, S3Uri, ContentDigest)));
}
