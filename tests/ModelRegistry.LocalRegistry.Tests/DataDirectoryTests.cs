using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelRegistry.LocalRegistry.Storage;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>One data folder, one registry: a second server on the folder refuses to start and says who holds
/// it; a folder that is a file or holds no database is refused with the cause in one line.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("mr-datadir-");

    public void Dispose() => _data.Dispose();

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunUntilExitAsync(params string[] arguments)
    {
        using var process = RegistryProcess.Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The registry kept running although it should have refused to start.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_second_server_on_the_same_data_folder_refuses_to_start_and_names_the_holder()
    {
        using (var first = await RegistryProcess.StartAsync("--port", "0", "--data-dir", _data.Path))
        {
            var (exitCode, stdout, stderr) = await RunUntilExitAsync("--port", "0", "--data-dir", _data.Path);

            // Spelled out, not the constants: the exit codes are documented (docs/local-registry.md).
            Assert.Equal(3, exitCode);
            Assert.Empty(stdout);
            Assert.Equal(
                $"The data folder '{_data.Path}' is in use by another local registry (process {first.Process.Id}, dotnet): stop it, or use another data folder.",
                stderr.TrimEnd());

            // The first one still serves.
            using var client = first.Client();
            await client.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "still-mine" });
        }

        // Once the holder has gone (killed: the OS drops its lock), the folder is free again.
        using var next = await RegistryProcess.StartAsync("--port", "0", "--data-dir", _data.Path);
        using var nextClient = next.Client();
        await nextClient.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "still-mine" });
    }

    [Fact]
    public async Task A_second_registry_in_the_same_process_is_refused_too()
    {
        await using var first = await RunningRegistry.StartAsync(_data.Path);

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => RunningRegistry.StartAsync(_data.Path));

        Assert.Equal(DataDirectoryException.InUseExitCode, error.ExitCode);
        Assert.Contains($"(process {Environment.ProcessId},", error.Message);
    }

    [Fact]
    public async Task A_corrupt_database_is_refused_with_the_sqlite_cause_in_one_line()
    {
        Directory.CreateDirectory(_data.Path);
        await File.WriteAllBytesAsync(Path.Combine(_data.Path, SqliteDocumentStore.FileName), Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());

        var (exitCode, stdout, stderr) = await RunUntilExitAsync("--port", "0", "--data-dir", _data.Path);

        Assert.Equal(4, exitCode);
        Assert.Empty(stdout);
        Assert.Equal($"SQLite Error 26: 'file is not a database', in '{Path.Combine(_data.Path, SqliteDocumentStore.FileName)}'.", stderr.TrimEnd());
    }

    [Fact]
    public async Task A_data_folder_that_is_a_file_is_refused_in_one_line()
    {
        await File.WriteAllTextAsync(_data.Path, "not a folder");

        var (exitCode, _, stderr) = await RunUntilExitAsync("--port", "0", "--data-dir", _data.Path);

        Assert.Equal(4, exitCode);
        Assert.Equal($"The data folder '{_data.Path}' is a file, not a folder: give a folder path (it is created if missing).", stderr.TrimEnd());
    }
}
