using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Errors;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Gets a model group's resource policy as a parsed document.</summary>
[Cmdlet(VerbsCommon.Get, "MRGroupPolicy")]
[OutputType(typeof(ModelGroupResourcePolicy))]
public sealed class GetMRGroupPolicyCommand : AwsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var editor = new ModelGroupPolicyEditor(Client);
        foreach (var name in Name)
        {
            await ForItemAsync(name, async () =>
            {
                var policy = await editor.GetAsync(name, cancellationToken);
                if (policy is null)
                {
                    throw new ModelRegistryException(ErrorIds.GroupPolicyNotFound, ErrorKind.NotFound, $"Model group '{name}' has no resource policy.",
                        value: name);
                }

                WriteObjectFromWorker(new ModelGroupResourcePolicy(name, policy));
            });
        }
    }
}
