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
    // Nothing to resolve up front: the report says what is missing instead of failing.
    protected override void BeginOnPipelineThread()
    {
    }

    protected override Task EndProcessingAsync(CancellationToken cancellationToken)
    {
        var report = OnPipelineThread(() => ConnectionReport.Resolve(GivenConnection, SessionDefaults()));
        OnPipelineThread(() => WriteDebug($"ModelRegistry: region {report.Region} from {report.RegionSource}; credentials from {report.CredentialSource}; " +
                                          $"endpoint {report.EndpointUrl} from {report.EndpointSource}"));
        WriteObjectFromWorker(report);
        return Task.CompletedTask;
    }

}
