using System.Management.Automation;

namespace ModelRegistry.PowerShell.Session;

/// <summary>Remove-Module stops the local registries this session started.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    public void OnRemove(PSModuleInfo psModuleInfo) => ModuleSession.Current.StopAll();
}
