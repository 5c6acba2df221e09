namespace ModelRegistry.Core.Model;

/// <summary>A registered version, and what the caller should be warned of (it could not be described).</summary>
public sealed class ModelVersionRegistration
{
    public ModelVersionRegistration(ModelVersion version, string? warning)
    {
        Version = version;
        Warning = warning;
    }

    public ModelVersion Version { get; }

    public string? Warning { get; }
}
