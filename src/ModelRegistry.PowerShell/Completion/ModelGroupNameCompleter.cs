using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Errors;
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
            var key = $"{connection.EndpointUrl}|{connection.RegionName}|{connection.CredentialSource}|{typed}";
            if (!Recent.TryGetValue(key, out var recent) || DateTime.UtcNow - recent.Listed > KeepFor)
            {
                recent = (DateTime.UtcNow, ModelGroupNames.ListQuicklyAsync(connection, typed, GiveUpAfter).GetAwaiter().GetResult().ToArray());
                Recent[key] = recent;
            }

            return ListCompleter.Matching(recent.Names, typed);
        }
        catch (Exception e) when (e is ConfigurationException or OperationCanceledException or ModelRegistryValidationException || AwsErrors.IsAwsFailure(e))
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
            Credential = bound?["Credential"] is PSObject credential ? credential.BaseObject : bound?["Credential"],
        }, defaults);
    }

    /// <summary>A variable of the user's session: completion runs inside a pipeline, so through a nested one.</summary>
    private static object? SessionVariable(string name)
    {
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        var value = shell.AddCommand("Get-Variable").AddParameter("Name", name).AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore").Invoke();
        return value.Count == 0 ? null : value[0];
    }
}
