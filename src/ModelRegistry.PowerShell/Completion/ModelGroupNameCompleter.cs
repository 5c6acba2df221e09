using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Model;
using ModelRegistry.PowerShell.Session;

namespace ModelRegistry.PowerShell.Completion;

/// <summary>Model group names, listed live with the connection the command would use (its -Region,
/// -ProfileName, -EndpointUrl, the session's defaults), kept for a short while, and given up on after
/// a second: an unreachable endpoint never holds the prompt.</summary>
public sealed class ModelGroupNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, (DateTime Listed, string[] Names)> Recent = new(StringComparer.Ordinal);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var connection = Resolve(fakeBoundParameters);
            var key = $"{connection.EndpointUrl}|{connection.Region.SystemName}|{connection.CredentialSource}|{typed}";
            if (!Recent.TryGetValue(key, out var recent) || DateTime.UtcNow - recent.Listed > KeepFor)
            {
                recent = (DateTime.UtcNow, List(connection, typed));
                Recent[key] = recent;
            }

            return ListCompleter.Matching(recent.Names, typed);
        }
        catch (Exception e) when (e is ConfigurationException or AmazonClientException or OperationCanceledException or ModelRegistryValidationException)
        {
            return Enumerable.Empty<CompletionResult>();
        }
    }

    private static ResolvedConnection Resolve(IDictionary? bound)
    {
        string? Text(string name) => bound?[name] is { } value ? (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString() : null;
        var defaults = new List<SessionDefault>();
        if (ModuleSession.Current.LocalRegistry is { } local) defaults.Add(local);
        defaults.AddRange(AwsToolsSession.Read(SessionVariable));
        return ConnectionResolver.Resolve(new ConnectionParameters
        {
            Region = Text("Region"),
            ProfileName = Text("ProfileName"),
            ProfileLocation = Text("ProfileLocation"),
            AccessKey = Text("AccessKey"),
            SecretKey = Text("SecretKey"),
            SessionToken = Text("SessionToken"),
            EndpointUrl = Text("EndpointUrl"),
        }, defaults);
    }

    /// <summary>A variable of the user's session: completion runs inside a pipeline, so through a nested one.</summary>
    private static object? SessionVariable(string name)
    {
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        var value = shell.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore").Invoke();
        return value.Count == 0 ? null : value[0];
    }

    private static string[] List(ResolvedConnection resolved, string typed)
    {
        using var giveUp = new CancellationTokenSource(GiveUpAfter);
        var connection = new AwsConnection(resolved.Credentials, resolved.Region, resolved.EndpointUrl, maxErrorRetry: 0, timeout: GiveUpAfter);
        using var client = new SageMakerClient(connection);
        var query = new ModelGroupQuery { NameContains = typed.Length == 0 ? null : typed, PageSize = SageMakerClient.MaxPageSize };
        var names = new List<string>();
        var listing = client.ListModelPackageGroupsAsync(query, giveUp.Token).GetAsyncEnumerator(giveUp.Token);
        try
        {
            while (names.Count < SageMakerClient.MaxPageSize && listing.MoveNextAsync().AsTask().GetAwaiter().GetResult()) names.Add(listing.Current.Name);
        }
        finally
        {
            listing.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return names.ToArray();
    }
}
