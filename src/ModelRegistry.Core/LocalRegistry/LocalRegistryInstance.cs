using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

using ModelRegistry.Core.Configuration;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>A running local registry server: where it listens and the accounts it serves.</summary>
public sealed class LocalRegistryInstance
{
    private const int GracefulStopMilliseconds = 5_000;
    private readonly Process _process;

    internal LocalRegistryInstance(Process process, string endpointUrl, string region, string? dataPath,
        IReadOnlyList<LocalRegistryAccount> accounts)
    {
        _process = process;
        ProcessId = process.Id;
        EndpointUrl = endpointUrl;
        Port = new Uri(endpointUrl).Port;
        Region = region;
        DataPath = dataPath;
        Accounts = new TextList<LocalRegistryAccount>(accounts);
    }

    public string EndpointUrl { get; }
    public int Port { get; }
    public string Region { get; }
    public string? DataPath { get; }
    /// <summary>Kept after the process ends, so a stopped registry still says which one it was.</summary>
    public int ProcessId { get; }
    public TextList<LocalRegistryAccount> Accounts { get; }

    /// <summary>The account that owns the model registry (the first account, "registry" in the seed).</summary>
    public LocalRegistryAccount RegistryAccount => Accounts[0];

    /// <summary>An account by name or id, e.g. "training" or "222222222222".</summary>
    public LocalRegistryAccount? Account(string nameOrId) =>
        Accounts.FirstOrDefault(a => string.Equals(a.Name, nameOrId, StringComparison.OrdinalIgnoreCase) || a.AccountId == nameOrId);

    public bool IsRunning
    {
        get
        {
            try { return !_process.HasExited; }
            catch (InvalidOperationException) { return false; }
        }
    }

    /// <summary>Ends the server; state kept under <see cref="DataPath"/> survives, whole in registry.db.</summary>
    public void Stop()
    {
        if (IsRunning && !(RequestShutdown() && _process.WaitForExit(GracefulStopMilliseconds)))
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    /// <summary>Asks the server to stop itself, closing its database; false when it does not answer.</summary>
    private bool RequestShutdown()
    {
        try
        {
            LocalRegistryAdmin.SendAsync(EndpointUrl, HttpMethod.Post, "shutdown", TimeSpan.FromSeconds(2), CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>What Start-MRLocalRegistry makes the session's default: this registry, as its registry
    /// account, for calls signed with any of its accounts' keys.</summary>
    public SessionDefault ToSessionDefault() =>
        new($"Start-MRLocalRegistry ({RegistryAccount})", RegistryAccount.Credential, Region, EndpointUrl, Accounts.Select(account => account.AccessKeyId));

    public override string ToString() => EndpointUrl;
}
