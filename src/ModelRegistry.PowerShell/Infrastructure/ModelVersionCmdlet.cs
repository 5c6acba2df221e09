using System.Management.Automation;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>The parameters of the cmdlets that act on one model version per pipeline item.</summary>
public abstract class ModelVersionCmdlet : AwsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageArn")]
    [ValidateNotNullOrEmpty]
    public string Arn { get; set; } = "";
}
