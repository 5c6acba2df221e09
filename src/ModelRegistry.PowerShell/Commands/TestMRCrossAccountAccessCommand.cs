using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.CrossAccount;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Checks the four places a cross-account set-up needs by evaluating their policies (and the
/// key's grants) as the services would, and returns one result per place: passed or failed, what is
/// missing, and the command that fixes it. Reads only.</summary>
[Cmdlet(VerbsDiagnostic.Test, "MRCrossAccountAccess")]
[OutputType(typeof(AccessCheck))]
public sealed class TestMRCrossAccountAccessCommand : CrossAccountCmdlet
{
    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        using var access = await OpenAsync(cancellationToken);
        var checks = await access.CheckAsync(cancellationToken);
        foreach (var check in checks) WriteObjectFromWorker(check);
        foreach (var line in CrossAccountAccess.Summarize(checks)) WriteWarningFromWorker(line);
    }
}
