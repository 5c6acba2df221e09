using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.ServiceModels;

/// <summary>A botocore service definition (the embedded <c>ServiceModels/*.json</c>): metadata,
/// operations and shapes, and validation of operation input against it.</summary>
public sealed class ServiceModel
{
    private static readonly IReadOnlyDictionary<string, string> ResourceByService = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["sagemaker"] = "ServiceModels.sagemaker-2017-07-24.json",
        ["ecr"] = "ServiceModels.ecr-2015-09-21.json",
        ["kms"] = "ServiceModels.kms-2014-11-01.json",
        ["s3"] = "ServiceModels.s3-2006-03-01.json",
        ["sts"] = "ServiceModels.sts-2011-06-15.json",
    };

    private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Loaded = new ConcurrentDictionary<string,
        Lazy<ServiceModel>>(StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyDictionary<string, OperationModel> _operations;

    // Shapes are read from the model when first asked for: a call validates against a handful of the model's
    // hundreds, so the first call of a session does not pay for building all of them.
    private readonly IReadOnlyDictionary<string, JsonElement> _shapeDefinitions;
    private readonly ConcurrentDictionary<string, Shape> _shapes = new ConcurrentDictionary<string, Shape>(StringComparer.Ordinal);

    private ServiceModel(string protocol, string? targetPrefix, string signingName, string endpointPrefix, string apiVersion,
        IReadOnlyDictionary<string, OperationModel> operations, IReadOnlyDictionary<string, JsonElement> shapeDefinitions)
    {
        Protocol = protocol;
        TargetPrefix = targetPrefix;
        SigningName = signingName;
        EndpointPrefix = endpointPrefix;
        ApiVersion = apiVersion;
        _operations = operations;
        _shapeDefinitions = shapeDefinitions;
    }

    /// <summary>json, rest-xml or query.</summary>
    public string Protocol { get; }

    /// <summary>The <c>X-Amz-Target</c> prefix of JSON protocols ("SageMaker"); null for other protocols.</summary>
    public string? TargetPrefix { get; }

    /// <summary>SigV4 signing name; the endpoint prefix when the model names none (KMS, S3, STS).</summary>
    public string SigningName { get; }
    public string EndpointPrefix { get; }
    public string ApiVersion { get; }

    public IEnumerable<string> OperationNames => _operations.Keys;

    /// <summary>The services whose models are embedded: "sagemaker", "ecr", "kms", "s3", "sts".</summary>
    public static IEnumerable<string> ServiceNames => ResourceByService.Keys;

    /// <summary>Model patterns that .NET cannot compile and that are therefore not enforced.</summary>
    public IReadOnlyList<ShapePattern> UnenforcedPatterns =>
        _shapeDefinitions.Keys.Select(GetShape).Where(s => s.Pattern != null && !s.Pattern.IsEnforced).Select(s => s.Pattern!).Distinct().ToList();

    /// <summary>The model of "sagemaker", "ecr", "kms", "s3" or "sts", parsed once per process.</summary>
    public static ServiceModel Load(string serviceName)
    {
        if (serviceName == null || !ResourceByService.TryGetValue(serviceName, out var resource))
        {
            throw new ArgumentException("No service model is embedded for '" + serviceName + "'. Known: " + string.Join(", ", ResourceByService.Keys) + ".",
                nameof(serviceName));
        }

        return Loaded.GetOrAdd(resource, r => new Lazy<ServiceModel>(() => ParseResource(r))).Value;
    }

    /// <summary>Parses a botocore service definition.</summary>
    public static ServiceModel Parse(string json)
    {
        JsonElement root;
        using (var document = JsonDocument.Parse(json))
        {
            // A copy detached from the parser's pooled buffers, kept for reading shapes later.
            root = document.RootElement.Clone();
        }

        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("A service model must be a JSON object.");
        var metadata = Child(root, "metadata") ?? throw new FormatException("The service model has no metadata.");
        var endpointPrefix = Text(metadata, "endpointPrefix") ?? throw new FormatException("The service model has no endpointPrefix.");
        var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
        if (Child(root, "operations") is JsonElement operationDefinitions)
        {
            foreach (var operation in operationDefinitions.EnumerateObject())
            {
                operations[operation.Name] = ParseOperation(operation.Name, operation.Value);
            }
        }

        var shapes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Child(root, "shapes") is JsonElement shapeDefinitions)
        {
            foreach (var shape in shapeDefinitions.EnumerateObject())
            {
                shapes[shape.Name] = shape.Value;
            }
        }

        return new ServiceModel(
            Text(metadata, "protocol") ?? throw new FormatException("The service model has no protocol."),
            Text(metadata, "targetPrefix"),
            Text(metadata, "signingName") ?? endpointPrefix,
            endpointPrefix,
            Text(metadata, "apiVersion") ?? string.Empty,
            operations,
            shapes);
    }

    public bool HasOperation(string name) => name != null && _operations.ContainsKey(name);

    public OperationModel GetOperation(string name) =>
        name != null && _operations.TryGetValue(name, out var operation)
            ? operation
            : throw new ArgumentException("The service model has no operation '" + name + "'.", nameof(name));

    public Shape GetShape(string name) =>
        name != null && _shapeDefinitions.TryGetValue(name, out var definition)
            ? _shapes.GetOrAdd(name, _ => ParseShape(name, definition))
            : throw new ArgumentException("The service model has no shape '" + name + "'.", nameof(name));

    /// <summary>Checks input against the operation's input shape as the service does: required
    /// members, lengths and sizes, numeric ranges, patterns, enums and JSON types. Unknown members
    /// are ignored. Returns an empty list when the input is valid.</summary>
    public IReadOnlyList<ShapeViolation> ValidateInput(string operation, JsonNode? input)
    {
        var inputShape = GetOperation(operation).InputShape;
        if (inputShape == null)
        {
            return Array.Empty<ShapeViolation>();
        }

        var validator = new ShapeValidator(this);
        validator.ValidateRoot(GetShape(inputShape), input ?? new JsonObject());
        return validator.Violations;
    }

    private static ServiceModel ParseResource(string resource)
    {
        var assembly = typeof(ServiceModel).Assembly;
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("The embedded service model '" + resource + "' is missing from " + assembly.GetName().Name + ".");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static OperationModel ParseOperation(string name, JsonElement operation)
    {
        var http = Child(operation, "http");
        var errors = operation.TryGetProperty("errors", out var errorList) && errorList.ValueKind == JsonValueKind.Array
            ? errorList.EnumerateArray().Select(e => Text(e, "shape")).Where(e => e != null).Select(e => e!).ToList()
            : new List<string>();
        return new OperationModel(
            name,
            Child(operation, "input") is JsonElement input ? Text(input, "shape") : null,
            Child(operation, "output") is JsonElement output ? Text(output, "shape") : null,
            (http is JsonElement method ? Text(method, "method") : null) ?? "POST",
            (http is JsonElement uri ? Text(uri, "requestUri") : null) ?? "/",
            errors);
    }

    private static Shape ParseShape(string name, JsonElement definition)
    {
        var shape = new Shape(name, Text(definition, "type") ?? "structure")
        {
            Min = Number(definition, "min"),
            Max = Number(definition, "max"),
            Sensitive = definition.TryGetProperty("sensitive", out var sensitive) && sensitive.ValueKind == JsonValueKind.True,
            MemberShape = Child(definition, "member") is JsonElement member ? Text(member, "shape") : null,
            KeyShape = Child(definition, "key") is JsonElement key ? Text(key, "shape") : null,
            ValueShape = Child(definition, "value") is JsonElement value ? Text(value, "shape") : null,
        };

        if (Text(definition, "pattern") is string pattern)
        {
            shape.Pattern = ShapePattern.Get(pattern);
        }

        if (definition.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            shape.Enum = values.EnumerateArray().Select(v => v.GetString()!).ToList();
        }

        if (Child(definition, "members") is JsonElement members)
        {
            shape.Members = members.EnumerateObject().Select(m => new ShapeMember(
                m.Name,
                Text(m.Value, "shape")!,
                m.Value.TryGetProperty("idempotencyToken", out var token) && token.ValueKind == JsonValueKind.True,
                Text(m.Value, "location"),
                Text(m.Value, "locationName"))).ToList();
        }

        if (definition.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            shape.Required = required.EnumerateArray().Select(r => r.GetString()!).ToList();
        }

        return shape;
    }

    private static JsonElement? Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : (JsonElement?)null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : (decimal?)null;
}
