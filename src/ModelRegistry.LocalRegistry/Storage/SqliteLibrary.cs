using System.Reflection;
using System.Runtime.InteropServices;

namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>Chooses the SQLite native library the store runs on: the copy bundled for this platform
/// (runtimes/&lt;rid&gt;/native/e_sqlite3), else the operating system's own. The module bundles SQLite only
/// where the system may lack it (Linux, 32-bit Windows): macOS always has /usr/lib/libsqlite3.dylib and
/// 64-bit Windows has winsqlite3.dll. Both export the same sqlite3_* functions, so the provider binds to
/// either. Only a data folder needs SQLite: the in-memory registry never loads it.</summary>
public static class SqliteLibrary
{
    /// <summary><c>system</c> skips the bundled copy (to try the system's SQLite, or where the bundled one
    /// does not load); any other value is the path of the library to use.</summary>
    public const string ChoiceVariable = "MODELREGISTRY_SQLITE";

    /// <summary>The server's exit code when neither library loads.</summary>
    public const int MissingExitCode = 5;

    private const string BundledName = "e_sqlite3";

    private static readonly object Gate = new();
    private static bool _installed;

    /// <summary>Where the library was loaded from ("bundled" or the system path), once the store opened it.</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>The system libraries tried, in order, when no bundled copy loads.</summary>
    public static IReadOnlyList<string> SystemCandidates { get; } =
        OperatingSystem.IsMacOS() ? ["/usr/lib/libsqlite3.dylib", "libsqlite3.dylib"]
        // winsqlite3 uses stdcall on 32-bit Windows, where the provider's cdecl calls would corrupt the stack.
        : OperatingSystem.IsWindows() ? (Environment.Is64BitProcess ? ["winsqlite3.dll", "sqlite3.dll"] : ["sqlite3.dll"])
        : ["libsqlite3.so.0", "libsqlite3.so"];

    /// <summary>Installs the choice before the first connection; later calls do nothing.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, Resolve);
            _installed = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != BundledName)
        {
            return IntPtr.Zero;
        }

        var choice = Environment.GetEnvironmentVariable(ChoiceVariable);
        if (!string.IsNullOrEmpty(choice) && !string.Equals(choice, "system", StringComparison.OrdinalIgnoreCase))
        {
            return NativeLibrary.TryLoad(choice, out var chosen)
                ? Loaded(choice, chosen)
                : throw new DllNotFoundException($"{ChoiceVariable} names '{choice}', which does not load as a SQLite library.");
        }

        if (choice is null or "" && NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var bundled))
        {
            return Loaded("bundled", bundled);
        }

        foreach (var candidate in SystemCandidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var system))
            {
                return Loaded(candidate, system);
            }
        }

        throw new DllNotFoundException(
            (string.IsNullOrEmpty(choice) ? $"The module bundles no SQLite for {RuntimeInformation.RuntimeIdentifier}, and no" : $"{ChoiceVariable}=system, and no")
            + $" system SQLite was found (tried {string.Join(", ", SystemCandidates)}). Install SQLite"
            + (OperatingSystem.IsLinux() ? " (apt-get install libsqlite3-0, apk add sqlite-libs, dnf install sqlite-libs)" : string.Empty)
            + ", or start the local registry without a data folder (in memory).");
    }

    private static IntPtr Loaded(string from, IntPtr handle)
    {
        LoadedFrom = from;
        return handle;
    }
}
