using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Base of the cmdlets that call the SageMaker model registry: one client per command,
/// and per-item error handling (a failure on one pipeline item is written, the next item runs).</summary>
public abstract class RegistryCmdlet : AwsCmdlet
{
    private RegistryClient? _client;

    /// <summary>The client, created on first use from the resolved connection.</summary>
    protected RegistryClient Client => _client ??= new RegistryClient(OnPipelineThread(ResolveConnection).ToConnection());

    /// <summary>Maps request members to this cmdlet's parameters, so validation errors name them.</summary>
    protected virtual IReadOnlyDictionary<string, string>? ParameterOfMember => null;

    /// <summary>Runs one item's work; AWS and validation failures become non-terminating errors on
    /// <paramref name="target"/>. Returns false when the item failed.</summary>
    protected async Task<bool> ForItemAsync(object target, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
        catch (AmazonServiceException e)
        {
            WriteErrorFromWorker(ErrorRecords.FromAws(e, target));
        }
        catch (ModelRegistryValidationException e)
        {
            WriteErrorFromWorker(ErrorRecords.FromValidation(e, ParameterOfMember, target));
        }
        catch (ArgumentException e) when (e.ParamName != null)
        {
            WriteErrorFromWorker(new ErrorRecord(e, "InvalidParameter", ErrorCategory.InvalidArgument, target));
        }
        catch (Exception e) when (IsConnectionFailure(e, cancellationRequested: StopRequested))
        {
            // Connection refused, DNS, timeouts: the request never got an AWS answer.
            WriteErrorFromWorker(new ErrorRecord(e, "AwsClientError", ErrorCategory.ConnectionError, target));
        }
        return false;
    }

    protected override void ReleaseResources() => _client?.Dispose();

    /// <summary>ShouldProcess for a high-impact change. -Force skips the prompt that ConfirmImpact
    /// High brings (as in AWS.Tools) unless -Confirm is asked for; -WhatIf, given or inherited through
    /// $WhatIfPreference, always wins, because then ShouldProcess is what answers.</summary>
    protected bool Confirmed(string target, string action, bool force, string? detail = null) => OnPipelineThread(() =>
    {
        var bound = MyInvocation.BoundParameters;
        var whatIf = bound.TryGetValue("WhatIf", out var given)
            ? LanguagePrimitives.IsTrue(given)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        if (force && !whatIf && !bound.ContainsKey("Confirm"))
        {
            WriteVerbose($"{action} '{target}' (-Force)" + (detail == null ? "" : "\n" + detail));
            return true;
        }
        // With a detail (a policy diff) the plan is the message; otherwise the standard wording.
        return detail == null
            ? ShouldProcess(target, action)
            : ShouldProcess($"{action} '{target}'\n{detail}", $"{action} '{target}'?\n{detail}", action);
    });

    private static bool IsConnectionFailure(Exception e, bool cancellationRequested) => e switch
    {
        AmazonClientException client => client.InnerException is not OperationCanceledException || !cancellationRequested,
        System.Net.Http.HttpRequestException => true,
        System.Net.WebException => true,
        System.IO.IOException => true,
        OperationCanceledException => !cancellationRequested, // an HTTP timeout, not Ctrl+C
        _ => false,
    };

    protected static bool IsGroupArn(string value) => RegistryArn.TryParse(value, out var arn) && arn!.IsModelGroup;

    protected static bool IsArn(string value) => RegistryArn.TryParse(value, out _);
}
