using ModelRegistry.Core.Configuration;

namespace ModelRegistry.PowerShell.Infrastructure;

/// <summary>Defaults this module sets for the rest of the session (Start-MRLocalRegistry points
/// every MR cmdlet at the local registry until Stop-MRLocalRegistry).</summary>
internal static class ModuleSession
{
    public static SessionDefault? LocalRegistry { get; set; }
}
