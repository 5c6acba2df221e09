using System.Collections.Generic;
using System.Management.Automation;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of the cmdlets that act on one model version per pipeline item, by ARN.</summary>
public abstract class ModelVersionCmdlet : RegistryCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageArn")]
    [ValidateNotNullOrEmpty]
    public string Arn { get; set; } = "";

    private static readonly Dictionary<string, string> Members = new() { ["ModelPackageArn"] = nameof(Arn), ["ModelPackageName"] = nameof(Arn) };

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    /// <summary>Writes an error and returns false for a group ARN piped in by mistake, before anything is sent.</summary>
    protected bool EnsureVersionArn()
    {
        if (!IsGroupArn(Arn)) return true;
        WriteErrorFromWorker(ErrorRecords.InvalidArgument("NotAModelVersionArn",
            $"-Arn: '{Arn}' is a model group ARN; give a model version ARN (pipe Get-MRModelVersion output).", nameof(Arn), Arn));
        return false;
    }
}
