using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>
/// Checks an operation's input before it is sent: the service model's constraints first, then the
/// documented rules the model cannot express (S3 URL and image reference shapes, at most 16
/// environment variables per container).
/// </summary>
internal sealed class RequestValidator
{
    internal const int MaxEnvironmentVariables = 16;
    private const int ShownValueLength = 200;
    private const string ConstraintMarker = " failed to satisfy constraint: ";
    private const string WithheldValueMarker = "Value at ";

    private const string S3UrlRule = "is not an S3 URL of the form s3://bucket/key whose bucket name is 3 to 63 lowercase letters, digits, "
        + "dots or hyphens, starting and ending with a letter or digit";

    private static readonly Regex S3Url = new(@"^s3://[a-z0-9][a-z0-9.\-]{1,61}[a-z0-9]/.+$", RegexOptions.CultureInvariant);

    private static readonly Regex ImageReference = new(
        @"^(?<registry>[A-Za-z0-9.\-]+(?::[0-9]+)?)/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}|@sha256:[a-f0-9]{64})?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex EcrRegistry = new(@"^[0-9]{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9\-]+\.amazonaws\.com(?:\.cn)?$", RegexOptions.CultureInvariant);

    private static readonly (string Group, string Report)[] MetricsReports =
    {
        ("ModelQuality", "Statistics"), ("ModelQuality", "Constraints"), ("ModelDataQuality", "Statistics"),
        ("ModelDataQuality", "Constraints"), ("Bias", "Report"), ("Bias", "PreTrainingReport"),
        ("Bias", "PostTrainingReport"), ("Explainability", "Report"),
    };

    private readonly ServiceModel _model;

    public RequestValidator(ServiceModel model) => _model = model;

    /// <exception cref="ModelRegistryValidationException">The first rule <paramref name="input"/> breaks.</exception>
    public void Validate(string operation, JsonObject input)
    {
        var violation = _model.ValidateInput(operation, input).FirstOrDefault();
        if (violation is not null)
        {
            // The model withholds sensitive values ("Value at ..."); so does the exception.
            var withheld = violation.Message.StartsWith(WithheldValueMarker, StringComparison.Ordinal);
            var value = withheld ? null : JsonMemberPath.Show(JsonMemberPath.Find(input, violation.MemberPath));
            throw new ModelRegistryValidationException(operation, violation.MemberPath, value, violation.Rule, ModelMessage(violation, value));
        }

        var (path, brokenValue, rule, requirement) = DocumentedRuleViolations(input).FirstOrDefault();
        if (path is not null)
        {
            throw new ModelRegistryValidationException(operation, path, brokenValue, rule, $"{path}: value {Quote(brokenValue)} {requirement}");
        }
    }

    private static IEnumerable<(string Path, string? Value, string Rule, string Requirement)> DocumentedRuleViolations(JsonObject input)
    {
        if (input["InferenceSpecification"]?["Containers"] is JsonArray containers)
        {
            for (var i = 0; i < containers.Count; i++)
            {
                var path = $"InferenceSpecification.Containers[{i}]";
                if (containers[i] is not JsonObject container)
                {
                    continue;
                }

                if (JsonMemberPath.Show(container["Image"]) is { } image && !IsImageReference(image))
                {
                    yield return ($"{path}.Image", image, ShapeRules.Pattern,
                        "is not an image reference of the form registry/repository[:tag] or registry/repository@sha256:<digest> (ECR registries: <account>.dkr.ecr.<region>.amazonaws.com)");
                }

                if (JsonMemberPath.Show(container["ModelDataUrl"]) is { } modelData && !S3Url.IsMatch(modelData))
                {
                    yield return ($"{path}.ModelDataUrl", modelData, ShapeRules.Pattern, S3UrlRule);
                }

                if (container["Environment"] is JsonObject environment && environment.Count > MaxEnvironmentVariables)
                {
                    yield return ($"{path}.Environment", environment.ToJsonString(), ShapeRules.Max,
                        $"has {environment.Count} entries; a container supports at most {MaxEnvironmentVariables} environment variables");
                }
            }
        }

        if (JsonMemberPath.Show(input["SamplePayloadUrl"]) is { } samplePayload && !S3Url.IsMatch(samplePayload))
        {
            yield return ("SamplePayloadUrl", samplePayload, ShapeRules.Pattern, S3UrlRule);
        }

        foreach (var (group, report) in MetricsReports)
        {
            var path = $"ModelMetrics.{group}.{report}.S3Uri";
            if (JsonMemberPath.Show(JsonMemberPath.Find(input, path)) is { } uri && !S3Url.IsMatch(uri))
            {
                yield return (path, uri, ShapeRules.Pattern, S3UrlRule);
            }
        }
    }

    private static bool IsImageReference(string image)
    {
        var match = ImageReference.Match(image);
        if (!match.Success)
        {
            return false;
        }

        var registry = match.Groups["registry"].Value;
        return registry.IndexOf(".dkr.ecr", StringComparison.Ordinal) < 0 || EcrRegistry.IsMatch(registry);
    }

    /// <summary>"Path: value 'x' failed to satisfy constraint: Member must ..." from the model's AWS-style message.</summary>
    private static string ModelMessage(ShapeViolation violation, string? value)
    {
        var marker = violation.Message.IndexOf(ConstraintMarker, StringComparison.Ordinal);
        return marker < 0 || value is null
            ? $"{violation.MemberPath}: {violation.Message}"
            : $"{violation.MemberPath}: value {Quote(value)}{ConstraintMarker}{violation.Message.Substring(marker + ConstraintMarker.Length)}";
    }

    private static string Quote(string? value) =>
        value is null ? "null" : "'" + (value.Length > ShownValueLength ? value.Substring(0, ShownValueLength) + "..." : value) + "'";
}
