using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Creates a model group (a SageMaker model package group) and returns it.</summary>
[Cmdlet(VerbsCommon.New, "MRModelGroup", SupportsShouldProcess = true)]
[OutputType(typeof(ModelGroup))]
public sealed class NewMRModelGroupCommand : AwsCmdlet
{
    private static readonly Dictionary<string, string> Members = new()
    {
        ["ModelPackageGroupName"] = nameof(Name),
        ["ModelPackageGroupDescription"] = nameof(Description),
        ["Tags"] = nameof(Tag),
    };

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupName", "GroupName")]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ModelPackageGroupDescription")]
    public string? Description { get; set; }

    [Parameter]
    public Hashtable? Tag { get; set; }

    protected override IReadOnlyDictionary<string, string> ParameterOfMember => Members;

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        if (!ShouldChange(Name, "Create model group")) return;
        await ForItemAsync(Name, async () =>
        {
            var tags = Hashtables.ToTags(Tag, nameof(Tag));
            WriteObjectFromWorker(await Client.NewModelGroupAsync(Name, Description, tags, cancellationToken, WriteWarningFromWorker));
        });
    }
}
