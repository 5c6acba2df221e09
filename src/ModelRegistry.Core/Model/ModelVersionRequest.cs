using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Model;

/// <summary>
/// The input of CreateModelPackage for a new version. Build it from typed values, or from the boto3
/// create_model_package input dict (JSON) unchanged: both give the same wire JSON.
/// </summary>
public sealed class ModelVersionRequest : WireShape
{
    private static readonly string[] Members =
    {
        "ModelPackageGroupName", "ModelPackageDescription", "ModelApprovalStatus", "InferenceSpecification", "ModelMetrics",
        "CustomerMetadataProperties", "Domain", "Task", "SamplePayloadUrl", "Tags", "ClientToken",
        "MetadataProperties", "ModelLifeCycle", "SourceUri",
    };

    public ModelVersionRequest(string groupName)
        : base(null)
    {
        GroupName = groupName;
    }

    private ModelVersionRequest(JsonObject json)
        : base(json)
    {
        GroupName = WireJson.String(json, "ModelPackageGroupName");
        Description = WireJson.String(json, "ModelPackageDescription");
        ApprovalStatus = WireJson.String(json, "ModelApprovalStatus");
        InferenceSpecification = InferenceSpecification.From(WireJson.Object(json, "InferenceSpecification"));
        ModelMetrics = ModelMetrics.From(WireJson.Object(json, "ModelMetrics"));
        CustomerMetadataProperties = WireJson.StringMap(json, "CustomerMetadataProperties");
        Domain = WireJson.String(json, "Domain");
        Task = WireJson.String(json, "Task");
        SamplePayloadUrl = WireJson.String(json, "SamplePayloadUrl");
        if (json["Tags"] is JsonArray tags)
        {
            Tags = tags.OfType<JsonObject>().Select(ResourceTag.FromJson).ToList();
        }

        ClientToken = WireJson.String(json, "ClientToken");
        Lineage = MetadataProperties.From(WireJson.Object(json, "MetadataProperties"));
        LifeCycle = ModelLifeCycle.From(WireJson.Object(json, "ModelLifeCycle"));
        SourceUri = WireJson.String(json, "SourceUri");
    }

    /// <summary>ModelPackageGroupName: the group's name or ARN.</summary>
    public string? GroupName { get; set; }

    public string? Description { get; set; }

    /// <summary>One of <see cref="ModelApprovalStatus"/>; the service defaults to PendingManualApproval.</summary>
    public string? ApprovalStatus { get; set; }

    public InferenceSpecification? InferenceSpecification { get; set; }

    public ModelMetrics? ModelMetrics { get; set; }

    public IDictionary<string, string>? CustomerMetadataProperties { get; set; }

    public string? Domain { get; set; }

    public string? Task { get; set; }

    public string? SamplePayloadUrl { get; set; }

    public IList<ResourceTag>? Tags { get; set; }

    /// <summary>Idempotency token; when null the client sends a new GUID per call.</summary>
    public string? ClientToken { get; set; }

    /// <summary>MetadataProperties: commit, repository, run and project the version came from.</summary>
    public MetadataProperties? Lineage { get; set; }

    /// <summary>ModelLifeCycle: the version's stage.</summary>
    public ModelLifeCycle? LifeCycle { get; set; }

    /// <summary>Where the version came from; Copy-MRModelVersion sets the source version's ARN.</summary>
    public string? SourceUri { get; set; }

    protected override IReadOnlyCollection<string> ModeledMembers => Members;

    /// <summary>From a boto3 create_model_package input dict as JSON text.</summary>
    /// <exception cref="ModelRegistryValidationException">A member of the wrong type.</exception>
    public static ModelVersionRequest FromJson(string json) => FromJson(WireJson.ParseObject(json, "The model version request"));

    /// <summary>The JSON documents in <paramref name="text"/>, one after another (pretty-printed, JSON Lines,
    /// blank lines between): each top-level value, as text. Text that is not JSON comes back as one piece,
    /// for the parser to say what is wrong with it.</summary>
    public static IReadOnlyList<string> SplitDocuments(string text)
    {
        var documents = new List<string>();
        int depth = 0, start = -1;
        bool inString = false, escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }

            if (char.IsWhiteSpace(c)) continue;
            if (start < 0) start = i;
            if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']') depth--;
            if (depth == 0 && c is '}' or ']')
            {
                documents.Add(text.Substring(start, i - start + 1));
                start = -1;
            }
            else if (depth < 0)
            {
                return new[] { text.Trim() };
            }
        }

        if (start >= 0) documents.Add(text.Substring(start).Trim());
        return documents.Count == 0 ? new[] { text.Trim() } : documents;
    }

    /// <summary>From a boto3 create_model_package input dict: members are brought to the model's types
    /// (a scalar where a list belongs becomes a list, enum values take the API's spelling) or refused;
    /// none is dropped.</summary>
    /// <exception cref="ModelRegistryValidationException">A member of the wrong type.</exception>
    public static ModelVersionRequest FromJson(JsonObject json)
    {
        var coerced = InputCoercion.Coerce(ServiceModel.Load("sagemaker"), "CreateModelPackage", json);
        // The model makes both optional; a version (as opposed to an unversioned package) needs its group.
        if (coerced["ModelPackageGroupName"] is null && coerced["ModelPackageName"] is null)
        {
            throw new ModelRegistryValidationException("CreateModelPackage", "ModelPackageGroupName", null, ShapeRules.Required,
                "ModelPackageGroupName: a model version needs the name or ARN of its model group.");
        }

        return new ModelVersionRequest(coerced);
    }

    protected override void WriteModeledMembers(JsonObject json)
    {
        WireJson.Set(json, "ModelPackageGroupName", GroupName);
        WireJson.Set(json, "ModelPackageDescription", Description);
        WireJson.Set(json, "ModelApprovalStatus", ApprovalStatus);
        WireJson.Set(json, "InferenceSpecification", InferenceSpecification);
        WireJson.Set(json, "ModelMetrics", ModelMetrics);
        WireJson.Set(json, "CustomerMetadataProperties", CustomerMetadataProperties);
        WireJson.Set(json, "Domain", Domain);
        WireJson.Set(json, "Task", Task);
        WireJson.Set(json, "SamplePayloadUrl", SamplePayloadUrl);
        if (Tags is not null)
        {
            json["Tags"] = new JsonArray(Tags.Select(t => (JsonNode?)t.ToJson()).ToArray());
        }

        WireJson.Set(json, "ClientToken", ClientToken);
        WireJson.Set(json, "MetadataProperties", Lineage);
        WireJson.Set(json, "ModelLifeCycle", LifeCycle);
        WireJson.Set(json, "SourceUri", SourceUri);
    }
}
