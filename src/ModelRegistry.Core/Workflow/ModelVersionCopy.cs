using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Errors;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Workflow;

/// <summary>
/// Promotes a model version to a model group in another account and/or region: the destination's
/// CreateModelPackage input is built from the source's DescribeModelPackage answer (the members in
/// <see cref="CopiedMembers"/>), with SourceUri set to the source version's ARN (what the API asks
/// for a cloned package) and a ClientToken derived from source and destination, so a rerun returns the
/// version the first run registered instead of adding another.
/// </summary>
public sealed class ModelVersionCopy
{
    /// <summary>DescribeModelPackage members the copy receives unchanged.</summary>
    public static IReadOnlyList<string> CopiedMembers { get; } = new[]
    {
        "InferenceSpecification", "ModelPackageDescription", "Domain", "Task", "SamplePayloadUrl", "ModelMetrics",
        "CustomerMetadataProperties", "MetadataProperties", "ModelLifeCycle",
    };

    private ModelVersionCopy(ModelVersion source, ModelGroup destination, ModelVersionRequest request)
    {
        Source = source;
        Destination = destination;
        Request = request;
    }

    /// <summary>The source version as described in its own account and region.</summary>
    public ModelVersion Source { get; }

    /// <summary>The destination group as described by the destination's credentials.</summary>
    public ModelGroup Destination { get; }

    /// <summary>What will be registered in the destination (what -WhatIf shows).</summary>
    public ModelVersionRequest Request { get; }

    /// <summary>Describes the source version and the destination group, and builds the registration.</summary>
    /// <param name="destinationGroup">The destination group's name or ARN.</param>
    /// <param name="destinationRegion">Named in the message when the group does not exist.</param>
    /// <exception cref="ModelRegistryException">DestinationGroupNotFound.</exception>
    public static async Task<ModelVersionCopy> PlanAsync(
        SageMakerClient source, string sourceArn, SageMakerClient destination, string destinationGroup, string destinationRegion, string approvalStatus,
        CancellationToken cancellationToken)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        var version = await source.DescribeModelPackageAsync(RegistryArn.RefuseGroup(sourceArn, "SourceArn"), cancellationToken).ConfigureAwait(false);
        ModelGroup group;
        try
        {
            group = await destination.DescribeModelPackageGroupAsync(destinationGroup, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (AwsErrors.Classify(e) == ErrorKind.NotFound)
        {
            throw new ModelRegistryException(ErrorIds.DestinationGroupNotFound, ErrorKind.NotFound,
                $"-DestinationGroupName: the model group '{destinationGroup}' does not exist in the destination (region {destinationRegion}); " +
                "create it there first (New-MRModelGroup with the destination's credentials and region).",
                "DestinationGroupName", destinationGroup, e);
        }

        return new ModelVersionCopy(version, group, BuildRequest(version.ToJson(), group.Arn, approvalStatus));
    }

    /// <summary>Registers the copy (or, on a rerun, gets the version the first run registered).</summary>
    public Task<ModelVersionRegistration> RegisterAsync(SageMakerClient destination, CancellationToken cancellationToken) =>
        destination.RegisterModelVersionAsync(Request, cancellationToken);

    /// <summary>The CreateModelPackage input of a copy of the version <paramref name="describedSource"/> describes.</summary>
    public static ModelVersionRequest BuildRequest(JsonObject describedSource, string destinationGroupArn, string approvalStatus)
    {
        if (describedSource is null) throw new ArgumentNullException(nameof(describedSource));
        var sourceArn = WireJson.String(describedSource, "ModelPackageArn")
            ?? throw new ArgumentException("The source description has no ModelPackageArn.", nameof(describedSource));
        var input = new JsonObject { ["ModelPackageGroupName"] = destinationGroupArn };
        foreach (var member in CopiedMembers)
        {
            if (describedSource[member] is JsonNode value) input[member] = value.DeepClone();
        }

        input["ModelApprovalStatus"] = approvalStatus;
        input["SourceUri"] = sourceArn;
        input["ClientToken"] = ClientToken(sourceArn, destinationGroupArn);
        return ModelVersionRequest.FromJson(input);
    }

    /// <summary>The same for the same source and destination group: a GUID-shaped SHA-256 prefix (ClientToken allows 36 characters).</summary>
    public static string ClientToken(string sourceArn, string destinationGroupArn)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sourceArn + "\n" + destinationGroupArn.ToLowerInvariant()));
        var bytes = new byte[16];
        Array.Copy(hash, bytes, 16);
        return new Guid(bytes).ToString("D");
    }
}
