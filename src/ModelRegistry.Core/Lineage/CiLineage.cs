using System;
using System.Collections.Generic;
using ModelRegistry.Core.Model;

namespace ModelRegistry.Core.Lineage;

/// <summary>
/// The lineage of a build, read from the variables the CI system it runs in sets: GitHub Actions,
/// Azure Pipelines or GitLab CI. Outside those nothing is found. ProjectId is the SageMaker project's
/// id, which only SageMaker Projects' own pipelines set (SAGEMAKER_PROJECT_ID).
/// </summary>
public sealed class CiLineage
{
    public const string GitHubActions = "GitHub Actions";
    public const string AzurePipelines = "Azure Pipelines";
    public const string GitLabCi = "GitLab CI";

    private CiLineage(string system, MetadataProperties properties)
    {
        System = system;
        Properties = properties;
    }

    /// <summary>Which CI system the values came from.</summary>
    public string System { get; }

    public MetadataProperties Properties { get; }

    /// <summary>The lineage of this process's environment; null outside CI.</summary>
    /// <remarks>Reads only the variables it needs: every registration asks, and copying the whole environment cost more than the rest of the check.</remarks>
    public static CiLineage? FromEnvironment() => Detect(Environment.GetEnvironmentVariable);

    /// <summary>The lineage these variables describe; null when they are not a known CI system's.</summary>
    public static CiLineage? Detect(IReadOnlyDictionary<string, string> variables)
    {
        if (variables is null) throw new ArgumentNullException(nameof(variables));
        return Detect(name => variables.TryGetValue(name, out var value) ? value : null);
    }

    private static CiLineage? Detect(Func<string, string?> variable)
    {
        string? Get(string name) => variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var projectId = Get("SAGEMAKER_PROJECT_ID");

        // Each system sets a flag variable of its own; the first found wins (a self-hosted agent may inherit another's).
        if (IsTrue(Get("GITHUB_ACTIONS")))
        {
            var repository = Join(Get("GITHUB_SERVER_URL"), Get("GITHUB_REPOSITORY"));
            var run = Get("GITHUB_RUN_ID") is { } runId && repository is not null ? $"{repository}/actions/runs/{runId}" : null;
            return Found(GitHubActions, Get("GITHUB_SHA"), repository, run, projectId);
        }

        if (IsTrue(Get("TF_BUILD")))
        {
            var build = Get("SYSTEM_COLLECTIONURI") is { } collection && Get("SYSTEM_TEAMPROJECT") is { } project && Get("BUILD_BUILDID") is { } buildId
                ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={buildId}"
                : null;
            return Found(AzurePipelines, Get("BUILD_SOURCEVERSION"), Get("BUILD_REPOSITORY_URI"), build, projectId);
        }

        if (IsTrue(Get("GITLAB_CI")))
        {
            return Found(GitLabCi, Get("CI_COMMIT_SHA"), Get("CI_PROJECT_URL"), Get("CI_PIPELINE_URL"), projectId);
        }

        return null;
    }

    /// <summary>Fills the members of the request's MetadataProperties that were not given with this
    /// build's values; the ones given win. Nothing changes when the CI system set none.</summary>
    /// <returns>Whether a member was filled in.</returns>
    public bool FillIn(ModelVersionRequest request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        var combined = MetadataProperties.Combine(request.Lineage, Properties)!;
        if (combined.IsEmpty || combined.ToJson().ToJsonString() == request.Lineage?.ToJson().ToJsonString()) return false;
        request.Lineage = combined;
        return true;
    }

    private static CiLineage Found(string system, string? commitId, string? repository, string? generatedBy, string? projectId) =>
        new(system, new MetadataProperties { CommitId = commitId, Repository = repository, GeneratedBy = generatedBy, ProjectId = projectId });

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? Join(string? serverUrl, string? path) =>
        serverUrl is null || path is null ? null : serverUrl.TrimEnd('/') + "/" + path.Trim('/');

}
