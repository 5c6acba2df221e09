using System.Diagnostics;
using System.Globalization;

namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>One registry per data folder: an exclusive OS lock on <c>registry.lock</c>, held for the life of
/// the store (the OS drops it when the process dies, so a crash leaves no stale lock). Two registries writing
/// one database would hand the same version number to different callers. The holder writes its process id
/// beside the lock, so the one refused can say who holds the folder.</summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string LockFileName = "registry.lock";
    public const string OwnerFileName = "registry.lock.owner";

    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream heldLock) => _lock = heldLock;

    /// <summary>Creates the folder if needed and takes its lock; throws <see cref="DataDirectoryException"/> when it cannot.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        if (File.Exists(dataDirectory))
        {
            throw new DataDirectoryException(DataDirectoryException.UnusableExitCode,
                $"The data folder '{dataDirectory}' is a file, not a folder: give a folder path (it is created if missing).");
        }

        FileStream heldLock;
        try
        {
            Directory.CreateDirectory(dataDirectory);
            // FileShare.None is an exclusive lock: flock on Unix, a share-mode lock on Windows.
            heldLock = new FileStream(Path.Combine(dataDirectory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (Directory.Exists(dataDirectory) && File.Exists(Path.Combine(dataDirectory, LockFileName)))
        {
            throw new DataDirectoryException(DataDirectoryException.InUseExitCode,
                $"The data folder '{dataDirectory}' is in use by another local registry ({Owner(dataDirectory)}): stop it, or use another data folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(DataDirectoryException.UnusableExitCode, $"Cannot use the data folder '{dataDirectory}': {e.Message}", e);
        }

        File.WriteAllText(Path.Combine(dataDirectory, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLock(heldLock);
    }

    public void Dispose() => _lock.Dispose();

    private static string Owner(string dataDirectory)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(dataDirectory, OwnerFileName)).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
            {
                return "process unknown";
            }

            using var process = Process.GetProcessById(processId);
            return $"process {processId}, {process.ProcessName}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return "process unknown";
        }
    }
}
