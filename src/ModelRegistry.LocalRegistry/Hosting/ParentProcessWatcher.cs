using System.Diagnostics;

namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Stops the registry once its parent process has exited (polled: the parent is not our child,
/// so there is no exit notification for it on every platform).</summary>
public sealed class ParentProcessWatcher(LocalRegistryOptions options, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ParentProcessId is not int parentId)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (IsRunning(parentId))
            {
                await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        logger.LogInformation("Parent process {ParentId} has exited; stopping.", parentId);
        lifetime.StopApplication();
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
