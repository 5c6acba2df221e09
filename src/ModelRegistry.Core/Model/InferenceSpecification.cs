using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>Containers and supported content/instance types of a model version (the InferenceSpecification shape).</summary>
public sealed class InferenceSpecification : WireShape
{
    private static readonly string[] Members =
    {
        "Containers", "SupportedTransformInstanceTypes", "SupportedRealtimeInferenceInstanceTypes",
        "SupportedContentTypes", "SupportedResponseMIMETypes",
    };

    public InferenceSpecification()
        : base(null)
    {
    }

    private InferenceSpecification(JsonObject json)
        : base(json)
    {
        if (json["Containers"] is JsonArray containers)
        {
            Containers = containers.OfType<JsonObject>().Select(InferenceContainer.FromJson).ToList();
        }

        SupportedTransformInstanceTypes = WireJson.StringList(json, "SupportedTransformInstanceTypes");
        SupportedRealtimeInferenceInstanceTypes = WireJson.StringList(json, "SupportedRealtimeInferenceInstanceTypes");
        SupportedContentTypes = WireJson.StringList(json, "SupportedContentTypes");
        SupportedResponseMIMETypes = WireJson.StringList(json, "SupportedResponseMIMETypes");
    }

    public IList<InferenceContainer> Containers { get; set; } = new List<InferenceContainer>();

    public IList<string>? SupportedTransformInstanceTypes { get; set; }

    public IList<string>? SupportedRealtimeInferenceInstanceTypes { get; set; }

    public IList<string>? SupportedContentTypes { get; set; }

    public IList<string>? SupportedResponseMIMETypes { get; set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static InferenceSpecification FromJson(JsonObject json) => new(json);

    internal static InferenceSpecification? From(JsonObject? json) => json is null ? null : new InferenceSpecification(json);

    /// <summary>The images, one line: what a table cell or a CSV field shows.</summary>
    public override string ToString() => string.Join(", ", Containers.Select(container => container.ToString()));

    protected override void WriteModeledMembers(JsonObject json)
    {
        json["Containers"] = new JsonArray(Containers.Select(c => (JsonNode?)c.ToJson()).ToArray());
        WireJson.Set(json, "SupportedTransformInstanceTypes", SupportedTransformInstanceTypes);
        WireJson.Set(json, "SupportedRealtimeInferenceInstanceTypes", SupportedRealtimeInferenceInstanceTypes);
        WireJson.Set(json, "SupportedContentTypes", SupportedContentTypes);
        WireJson.Set(json, "SupportedResponseMIMETypes", SupportedResponseMIMETypes);
    }
}
