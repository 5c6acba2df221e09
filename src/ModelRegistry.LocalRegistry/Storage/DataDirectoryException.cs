namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>The data folder cannot be used: another registry holds it, or it is no folder or no database.
/// The message is one line for the user, cause first; the exit code tells launchers which case it is.</summary>
public sealed class DataDirectoryException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Another local registry holds the folder.</summary>
    public const int InUseExitCode = 3;

    /// <summary>The folder is a file, cannot be created, or holds something that is not a registry database.</summary>
    public const int UnusableExitCode = 4;

    public int ExitCode { get; } = exitCode;
}
