using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.Resources;
using ModelRegistry.PowerShell.Arguments;
using ModelRegistry.PowerShell.Completion;
using ModelRegistry.PowerShell.Infrastructure;
using ModelRegistry.PowerShell.Output;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Sets a model group's resource policy: a statement built from -AllowAccount/-Action, or
/// -Policy (JSON, hashtable or object). Statements are merged by Sid unless -Replace; nothing is
/// written when the policy already says it, and the result is read back to verify.</summary>
[Cmdlet(VerbsCommon.Set, "MRGroupPolicy", SupportsShouldProcess = true, DefaultParameterSetName = AccountSet)]
[OutputType(typeof(ResourceChange))]
public sealed class SetMRGroupPolicyCommand : AwsCmdlet
{
    private const string AccountSet = "Account";
    private const string PolicySet = "Policy";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("GroupName", "ModelPackageGroupName")]
    [ArgumentCompleter(typeof(ModelGroupNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = AccountSet)]
    [ValidatePattern("^[0-9]{12}$")]
    public string[] AllowAccount { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = AccountSet)]
    [ValidateNotNullOrEmpty]
    public string[] Action { get; set; } = { CrossAccountStatements.RegisterAction };

    [Parameter(ParameterSetName = AccountSet)]
    public SwitchParameter IncludeReadAccess { get; set; }

    [Parameter(ParameterSetName = AccountSet)]
    [ValidatePattern("^[A-Za-z0-9]+$")]
    public string? Sid { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = PolicySet)]
    public object? Policy { get; set; }

    [Parameter]
    public SwitchParameter Replace { get; set; }

    protected override Task ProcessRecordAsync(CancellationToken cancellationToken) => ForItemAsync(Name, async () =>
    {
        var editor = new ModelGroupPolicyEditor(Client);
        var policy = ParameterSetName == PolicySet
            ? ReadInput(() => GroupPolicyInput.ToDocument(Policy, nameof(Policy)))
            : new PolicyDocument(new[] { await BuildStatementAsync(editor, cancellationToken) });
        var plan = await editor.PlanSetAsync(Name, policy, Replace, cancellationToken);
        await ChangePlanRunner.ApplyAsync(this, plan, Replace ? "Replace group policy" : "Merge into group policy", force: false, writeOutcomes: true,
            cancellationToken);
    });

    private async Task<PolicyStatement> BuildStatementAsync(ModelGroupPolicyEditor editor, CancellationToken cancellationToken)
    {
        var groupArn = await editor.GetGroupArnAsync(Name, cancellationToken);
        var actions = IncludeReadAccess ? Action.Concat(CrossAccountStatements.GroupReadActions) : Action;
        return CrossAccountStatements.ForModelGroup(Sid ?? CrossAccountStatements.RegisterSidFor(AllowAccount), AllowAccount, actions, groupArn);
    }
}
