using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Metrics;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Markdown for a CI job summary from piped versions, metrics (Get-MRModelMetric; several versions'
/// give Mermaid charts) and comparisons (Compare-MRModelVersion). Core's MarkdownSummary renders.</summary>
[Cmdlet(VerbsData.ConvertTo, "MRMarkdown")]
[OutputType(typeof(string))]
public sealed class ConvertToMRMarkdownCommand : PSCmdlet
{
    private readonly List<ModelVersionSummary> _versions = new();
    private readonly List<ModelMetric> _metrics = new();
    private readonly List<ModelVersionDifference> _comparison = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>The metrics to chart over versions (accuracy or its full name); by default those whose direction is known.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Metric { get; set; }

    /// <summary>A level-3 heading above the tables.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    protected override void ProcessRecord()
    {
        switch (InputObject.BaseObject)
        {
            case ModelVersionSummary version: _versions.Add(version); break;
            case ModelMetric metric: _metrics.Add(metric); break;
            case ModelVersionDifference row: _comparison.Add(row); break;
            default:
                WriteError(ErrorRecords.InvalidArgument(ErrorIds.InvalidParameter,
                    $"-InputObject: {InputObject.BaseObject.GetType().Name} has no Markdown form; pipe model versions, Get-MRModelMetric or Compare-MRModelVersion output.",
                    nameof(InputObject), InputObject));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var sections = new List<string>();
        if (_versions.Count > 0) sections.Add(MarkdownSummary.Versions(_versions));
        if (_comparison.Count > 0) sections.Add(MarkdownSummary.Comparison(_comparison));
        if (_metrics.Count > 0) sections.Add(MarkdownSummary.Metrics(_metrics, Metric));
        if (sections.Count == 0) return;
        var text = new StringBuilder();
        if (Title != null) text.Append("### ").Append(Title).Append("\n\n");
        text.Append(string.Join("\n", sections));
        WriteObject(text.ToString());
    }
}
