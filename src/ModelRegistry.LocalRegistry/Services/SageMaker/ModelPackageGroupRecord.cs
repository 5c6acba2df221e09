using System.Text.Json.Nodes;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>A stored model package group: what DescribeModelPackageGroup returns, the last version
/// number handed out (versions are never reused, even after a delete) and the resource policy.</summary>
internal sealed class ModelPackageGroupRecord
{
    public ModelPackageGroupRecord(JsonObject description, int latestVersion, string? resourcePolicy)
    {
        Description = description;
        LatestVersion = latestVersion;
        ResourcePolicy = resourcePolicy;
    }

    public JsonObject Description { get; }
    public int LatestVersion { get; set; }
    public string? ResourcePolicy { get; set; }

    public string Name => (string)Description["ModelPackageGroupName"]!;
    public string Arn => (string)Description["ModelPackageGroupArn"]!;
    public double CreationTime => (double)Description["CreationTime"]!;

    public static ModelPackageGroupRecord FromJson(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        return new ModelPackageGroupRecord(
            document["Description"]!.AsObject().DeepClone().AsObject(),
            (int)document["LatestVersion"]!,
            (string?)document["ResourcePolicy"]);
    }

    public string ToJson() => new JsonObject
    {
        ["Description"] = Description.DeepClone(),
        ["LatestVersion"] = LatestVersion,
        ["ResourcePolicy"] = ResourcePolicy,
    }.ToJsonString();
}
