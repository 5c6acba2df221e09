using System;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>A SageMaker tag ({"Key":..., "Value":...} on the wire).</summary>
public sealed class ResourceTag
{
    public ResourceTag(string key, string value)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        Value = value ?? string.Empty;
    }

    public string Key { get; }

    public string Value { get; }

    public JsonObject ToJson() => new() { ["Key"] = Key, ["Value"] = Value };

    public static ResourceTag FromJson(JsonObject json) =>
        new(WireJson.String(json, "Key") ?? string.Empty, WireJson.String(json, "Value") ?? string.Empty);

    public override string ToString() => $"{Key}={Value}";
}
