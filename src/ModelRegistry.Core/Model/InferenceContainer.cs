using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.Model;

/// <summary>One inference container (the ModelPackageContainerDefinition shape).</summary>
public sealed class InferenceContainer : WireShape
{
    private static readonly string[] Members =
    {
        "ContainerHostname", "Image", "ImageDigest", "ModelDataUrl", "ProductId", "Environment",
        "Framework", "FrameworkVersion", "NearestModelName",
    };

    public InferenceContainer(string image)
        : base(null)
    {
        Image = image;
    }

    private InferenceContainer(JsonObject json)
        : base(json)
    {
        ContainerHostname = WireJson.String(json, "ContainerHostname");
        Image = WireJson.String(json, "Image");
        ImageDigest = WireJson.String(json, "ImageDigest");
        ModelDataUrl = WireJson.String(json, "ModelDataUrl");
        ProductId = WireJson.String(json, "ProductId");
        Environment = WireJson.StringMap(json, "Environment");
        Framework = WireJson.String(json, "Framework");
        FrameworkVersion = WireJson.String(json, "FrameworkVersion");
        NearestModelName = WireJson.String(json, "NearestModelName");
    }

    public string? ContainerHostname { get; set; }

    /// <summary>registry/repository[:tag] or registry/repository@digest.</summary>
    public string? Image { get; set; }

    public string? ImageDigest { get; set; }

    /// <summary>s3://bucket/key of the model artifacts (model.tar.gz).</summary>
    public string? ModelDataUrl { get; set; }

    public string? ProductId { get; set; }

    public IDictionary<string, string>? Environment { get; set; }

    public string? Framework { get; set; }

    public string? FrameworkVersion { get; set; }

    public string? NearestModelName { get; set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    public static InferenceContainer FromJson(JsonObject json) => new(json);

    /// <summary>The image: what a table cell or a CSV field shows.</summary>
    public override string ToString() => Image ?? string.Empty;

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "ContainerHostname", ContainerHostname);
        WireJson.Set(json, "Image", Image);
        WireJson.Set(json, "ImageDigest", ImageDigest);
        WireJson.Set(json, "ModelDataUrl", ModelDataUrl);
        WireJson.Set(json, "ProductId", ProductId);
        WireJson.Set(json, "Environment", Environment);
        WireJson.Set(json, "Framework", Framework);
        WireJson.Set(json, "FrameworkVersion", FrameworkVersion);
        WireJson.Set(json, "NearestModelName", NearestModelName);
    }
}
