using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModelRegistry.Core.ServiceModels
{
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

        private static readonly ConcurrentDictionary<string, Lazy<ServiceModel>> Loaded = new ConcurrentDictionary<string, Lazy<ServiceModel>>(StringComparer.OrdinalIgnoreCase);

        private readonly IReadOnlyDictionary<string, OperationModel> _operations;
        private readonly IReadOnlyDictionary<string, Shape> _shapes;

        private ServiceModel(string protocol, string? targetPrefix, string signingName, string endpointPrefix, string apiVersion,
            IReadOnlyDictionary<string, OperationModel> operations, IReadOnlyDictionary<string, Shape> shapes)
        {
            Protocol = protocol;
            TargetPrefix = targetPrefix;
            SigningName = signingName;
            EndpointPrefix = endpointPrefix;
            ApiVersion = apiVersion;
            _operations = operations;
            _shapes = shapes;
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
            _shapes.Values.Where(s => s.Pattern != null && !s.Pattern.IsEnforced).Select(s => s.Pattern!).Distinct().ToList();

        /// <summary>The model of "sagemaker", "ecr", "kms", "s3" or "sts", parsed once per process.</summary>
        public static ServiceModel Load(string serviceName)
        {
            if (serviceName == null || !ResourceByService.TryGetValue(serviceName, out var resource))
            {
                throw new ArgumentException("No service model is embedded for '" + serviceName + "'. Known: " + string.Join(", ", ResourceByService.Keys) + ".", nameof(serviceName));
            }

            return Loaded.GetOrAdd(resource, r => new Lazy<ServiceModel>(() => ParseResource(r))).Value;
        }

        /// <summary>Parses a botocore service definition.</summary>
        public static ServiceModel Parse(string json)
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("A service model must be a JSON object.");
            var metadata = root["metadata"]?.AsObject() ?? throw new FormatException("The service model has no metadata.");
            var endpointPrefix = (string?)metadata["endpointPrefix"] ?? throw new FormatException("The service model has no endpointPrefix.");
            var operations = new Dictionary<string, OperationModel>(StringComparer.Ordinal);
            foreach (var operation in root["operations"]?.AsObject() ?? new JsonObject())
            {
                operations[operation.Key] = ParseOperation(operation.Key, operation.Value!.AsObject());
            }

            var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
            foreach (var shape in root["shapes"]?.AsObject() ?? new JsonObject())
            {
                shapes[shape.Key] = ParseShape(shape.Key, shape.Value!.AsObject());
            }

            return new ServiceModel(
                (string?)metadata["protocol"] ?? throw new FormatException("The service model has no protocol."),
                (string?)metadata["targetPrefix"],
                (string?)metadata["signingName"] ?? endpointPrefix,
                endpointPrefix,
                (string?)metadata["apiVersion"] ?? string.Empty,
                operations,
                shapes);
        }

        public bool HasOperation(string name) => name != null && _operations.ContainsKey(name);

        public OperationModel GetOperation(string name) =>
            name != null && _operations.TryGetValue(name, out var operation)
                ? operation
                : throw new ArgumentException("The service model has no operation '" + name + "'.", nameof(name));

        public Shape GetShape(string name) =>
            _shapes.TryGetValue(name, out var shape)
                ? shape
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

        private static OperationModel ParseOperation(string name, JsonObject operation)
        {
            var http = operation["http"]?.AsObject();
            var errors = operation["errors"]?.AsArray().Select(e => (string?)e?["shape"]).Where(e => e != null).Select(e => e!).ToList()
                ?? new List<string>();
            return new OperationModel(
                name,
                (string?)operation["input"]?["shape"],
                (string?)operation["output"]?["shape"],
                (string?)http?["method"] ?? "POST",
                (string?)http?["requestUri"] ?? "/",
                errors);
        }

        private static Shape ParseShape(string name, JsonObject definition)
        {
            var shape = new Shape(name, (string?)definition["type"] ?? "structure")
            {
                Min = ReadDecimal(definition["min"]),
                Max = ReadDecimal(definition["max"]),
                Sensitive = (bool?)definition["sensitive"] ?? false,
                MemberShape = (string?)definition["member"]?["shape"],
                KeyShape = (string?)definition["key"]?["shape"],
                ValueShape = (string?)definition["value"]?["shape"],
            };

            if (definition["pattern"] is JsonValue pattern)
            {
                shape.Pattern = ShapePattern.Get((string)pattern!);
            }

            if (definition["enum"] is JsonArray values)
            {
                shape.Enum = values.Select(v => (string)v!).ToList();
            }

            if (definition["members"] is JsonObject members)
            {
                shape.Members = members.Select(m => new ShapeMember(
                    m.Key,
                    (string)m.Value!["shape"]!,
                    (bool?)m.Value["idempotencyToken"] ?? false,
                    (string?)m.Value["location"],
                    (string?)m.Value["locationName"])).ToList();
            }

            if (definition["required"] is JsonArray required)
            {
                shape.Required = required.Select(r => (string)r!).ToList();
            }

            return shape;
        }

        private static decimal? ReadDecimal(JsonNode? node) => node == null ? (decimal?)null : node.GetValue<decimal>();
    }
}
