using Microsoft.Data.Sqlite;

namespace ModelRegistry.LocalRegistry.Tests.Support;

/// <summary>A fresh path under the temp folder for a registry's <c>--data-dir</c>, removed on dispose
/// (whether the test made it a folder or a file).</summary>
public sealed class TemporaryDataDirectory(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
        else if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
