using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Errors;

namespace ModelRegistry.Core.LocalRegistry;

/// <summary>Starts the local registry as a child process and waits until it answers.</summary>
public static class LocalRegistryLauncher
{
    private static readonly Regex ReadyLine = new(@"^Listening on (http://127\.0\.0\.1:\d+)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex LogEntryHeader = new(@"^(?:trce|dbug|info|warn|fail|crit): ", RegexOptions.CultureInvariant);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int MaxErrorTail = 2000;

    // The server's exit codes for a data folder it cannot use (its DataDirectoryException) and for no SQLite (its SqliteLibrary).
    private const int DataPathInUseExitCode = 3;
    private const int DataPathUnusableExitCode = 4;
    private const int SqliteMissingExitCode = 5;

    public static async Task<LocalRegistryInstance> StartAsync(LocalRegistryStartOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.ServerAssemblyPath))
            throw new LocalRegistryException(ErrorIds.LocalRegistryNotFound,
                $"The local registry server was not found at '{options.ServerAssemblyPath}'. Build the module with ./build.ps1 -Task Build.");

        var runtime = DotnetHostLocator.ForCurrentProcess().Locate();
        if (!runtime.IsUsable) throw new LocalRegistryException(ErrorIds.AspNetCoreRuntimeNotFound, runtime.Problem!);

        var process = new Process { StartInfo = StartInfo(options, runtime.HostPath!), EnableRaisingEvents = true };
        // Only the last lines matter (to explain a failed start); the server may log for hours.
        var errorOutput = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errorOutput)
            {
                errorOutput.AppendLine(e.Data);
                if (errorOutput.Length > 4 * MaxErrorTail) errorOutput.Remove(0, errorOutput.Length - MaxErrorTail);
            }
        };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new LocalRegistryException(ErrorIds.DotnetHostNotFound,
                $"Could not run '{process.StartInfo.FileName}' to start the local registry: {e.Message}", e);
        }
        process.BeginErrorReadLine();

        try
        {
            var endpointUrl = await WaitForReadyLineAsync(process, errorOutput, cancellationToken).ConfigureAwait(false);
            // Keep draining stdout so the server never blocks on a full pipe.
            _ = DrainAsync(process.StandardOutput);
            var accounts = await ReadAccountsAsync(endpointUrl, cancellationToken).ConfigureAwait(false);
            return new LocalRegistryInstance(process, endpointUrl, options.Region, options.DataPath, accounts);
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(LocalRegistryStartOptions options, string dotnetHost)
    {
        var info = new ProcessStartInfo(dotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        var arguments = new List<string> { options.ServerAssemblyPath, "--port", options.Port.ToString(), "--region", options.Region };
        if (options.DataPath != null) arguments.AddRange(new[] { "--data-dir", options.DataPath });
        if (options.AccountsFile != null) arguments.AddRange(new[] { "--accounts-file", options.AccountsFile });
        if (options.ParentProcessId is int parent) arguments.AddRange(new[] { "--parent-pid", parent.ToString() });
        foreach (var limit in options.RateLimits) arguments.AddRange(new[] { "--rate-limit", LocalRegistryRateLimits.FormatSpecification(limit) });
        info.Arguments = string.Join(" ", arguments.ConvertAll(Quote));
        return info;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

    private static async Task<string> WaitForReadyLineAsync(Process process, StringBuilder errorOutput, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var readLine = process.StandardOutput.ReadLineAsync();
        while (true)
        {
            var finished = await Task.WhenAny(readLine, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
            if (finished != readLine)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new LocalRegistryException(ErrorIds.LocalRegistryStartTimeout,
                    $"The local registry did not report ready within {StartTimeout.TotalSeconds:0} s.{Describe(errorOutput)}");
            }
            var line = await readLine.ConfigureAwait(false);
            if (line == null)
            {
                process.WaitForExit(5_000);
                throw ExitedBeforeReady(process.ExitCode, errorOutput);
            }
            var ready = ReadyLine.Match(line);
            if (ready.Success) return ready.Groups[1].Value;
            readLine = process.StandardOutput.ReadLineAsync();
        }
    }

    /// <summary>The server's own one-line reason first, then the exit code; the ErrorId says which failure it was.</summary>
    private static LocalRegistryException ExitedBeforeReady(int exitCode, StringBuilder errorOutput)
    {
        var errorId = exitCode switch
        {
            DataPathInUseExitCode => "LocalRegistryDataPathInUse",
            DataPathUnusableExitCode => "LocalRegistryDataPathUnusable",
            SqliteMissingExitCode => ErrorIds.LocalRegistrySqliteMissing,
            _ => "LocalRegistryExited",
        };
        var cause = Cause(errorOutput);
        return new LocalRegistryException(errorId, cause == null
            ? $"The local registry exited before it was ready (exit code {exitCode})."
            : $"{cause} (The local registry exited with code {exitCode} before it was ready.)");
    }

    /// <summary>The last line of the error output that is neither a log entry's header (<c>fail: Category[id]</c>)
    /// nor one of its indented continuation or stack-frame lines: the server prints its reason for not
    /// starting as one plain line, and a crash ends with the exception's message line.</summary>
    private static string? Cause(StringBuilder errorOutput)
    {
        string[] lines;
        lock (errorOutput) lines = errorOutput.ToString().Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && !LogEntryHeader.IsMatch(line)) return line.Length > MaxErrorTail ? line.Substring(0,
                MaxErrorTail) + "..." : line;
        }
        return null;
    }

    private static string Describe(StringBuilder errorOutput)
    {
        lock (errorOutput)
        {
            var text = errorOutput.ToString().Trim();
            return text.Length == 0 ? "" : " Its error output: " + (text.Length > MaxErrorTail ? text.Substring(text.Length - MaxErrorTail) : text);
        }
    }

    private static async Task DrainAsync(StreamReader output)
    {
        try { while (await output.ReadLineAsync().ConfigureAwait(false) != null) { } }
        catch (ObjectDisposedException) { }
        catch (IOException) { }
    }

    private static async Task<IReadOnlyList<LocalRegistryAccount>> ReadAccountsAsync(string endpointUrl, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(await LocalRegistryAdmin.SendAsync(endpointUrl, HttpMethod.Get, "accounts", TimeSpan.FromSeconds(10), cancellationToken)
            .ConfigureAwait(false));
        var accounts = new List<LocalRegistryAccount>();
        foreach (var account in body?["accounts"]?.AsArray() ?? new JsonArray())
        {
            accounts.Add(new LocalRegistryAccount(
                (string?)account?["name"] ?? "",
                (string?)account?["accountId"] ?? "",
                (string?)account?["accessKeyId"] ?? "",
                (string?)account?["secretAccessKey"] ?? ""));
        }
        if (accounts.Count == 0)
            throw new LocalRegistryException(ErrorIds.LocalRegistryNoAccounts, "The local registry reported no accounts.");
        return accounts;
    }
}
