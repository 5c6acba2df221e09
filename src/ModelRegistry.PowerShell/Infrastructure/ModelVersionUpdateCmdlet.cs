using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of the cmdlets that update a model version (UpdateModelPackage changes only the
/// members sent).</summary>
public abstract class ModelVersionUpdateCmdlet : ModelVersionCmdlet
{
    /// <summary>Returns the version as it is after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Builds the update inside the item's error handling, so bad input (a -Metadata key
    /// that is not a string) is this item's error, like an AWS failure would be.</summary>
    protected Task UpdateAsync(Func<ModelVersionUpdate> buildUpdate, string action, CancellationToken cancellationToken)
    {
        if (!EnsureVersionArn() || !ShouldProcessFromWorker(Arn, action)) return Task.CompletedTask;
        return ForItemAsync(Arn, async () =>
        {
            await Client.UpdateModelPackageAsync(buildUpdate(), cancellationToken).ConfigureAwait(false);
            if (PassThru) WriteObjectFromWorker(await Client.DescribeModelPackageAsync(Arn, cancellationToken).ConfigureAwait(false));
        });
    }
}
