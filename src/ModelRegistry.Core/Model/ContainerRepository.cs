using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>An ECR repository (the Repository shape; ECR members are camelCase).</summary>
public sealed class ContainerRepository : WireShape
{
    private static readonly string[] Members = { "repositoryArn", "registryId", "repositoryName", "repositoryUri", "createdAt" };

    private ContainerRepository(JsonObject json)
        : base(json)
    {
        Arn = WireJson.String(json, "repositoryArn") ?? string.Empty;
        RegistryId = WireJson.String(json, "registryId");
        Name = WireJson.String(json, "repositoryName") ?? string.Empty;
        Uri = WireJson.String(json, "repositoryUri");
        CreatedAt = WireJson.Timestamp(json, "createdAt");
    }

    public string Arn { get; }

    public string? RegistryId { get; }

    public string Name { get; }

    /// <summary>registry/repository, the prefix of image references.</summary>
    public string? Uri { get; }

    public DateTime? CreatedAt { get; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static ContainerRepository FromJson(JsonObject json) => new(json);

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "repositoryArn", Arn);
        WireJson.Set(json, "registryId", RegistryId);
        WireJson.Set(json, "repositoryName", Name);
        WireJson.Set(json, "repositoryUri", Uri);
        WireJson.Set(json, "createdAt", CreatedAt);
    }
}
