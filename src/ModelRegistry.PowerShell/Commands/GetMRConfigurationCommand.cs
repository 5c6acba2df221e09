using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Configuration;
using ModelRegistry.PowerShell.Infrastructure;

namespace ModelRegistry.PowerShell.Commands;

/// <summary>Shows the region, credential source and endpoint that MR cmdlets would use with the
/// same parameters, and where each came from. Calls nothing.</summary>
[Cmdlet(VerbsCommon.Get, "MRConfiguration")]
[OutputType(typeof(ConnectionReport))]
public sealed class GetMRConfigurationCommand : AwsCmdlet
{
    protected override bool ReportsMissingCredentials => true;

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        WriteObjectFromWorker(ConnectionReport.For(Connection));
        return Task.CompletedTask;
    }
}
