using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Lineage;

public sealed class CiLineageTests
{
    private static readonly Dictionary<string, string> GitHub = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_SHA"] = "ffac537e6cbbf934b08745a378932722df287a53",
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "octo-org/fraud-model",
        ["GITHUB_RUN_ID"] = "1658821493",
    };

    private static readonly Dictionary<string, string> Azure = new()
    {
        ["TF_BUILD"] = "True",
        ["BUILD_SOURCEVERSION"] = "d7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3",
        ["BUILD_REPOSITORY_URI"] = "https://dev.azure.com/fabrikam/Fraud%20Models/_git/fraud-model",
        ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/fabrikam/",
        ["SYSTEM_TEAMPROJECT"] = "Fraud Models",
        ["BUILD_BUILDID"] = "4711",
    };

    private static readonly Dictionary<string, string> GitLab = new()
    {
        ["GITLAB_CI"] = "true",
        ["CI_COMMIT_SHA"] = "1ecfd275763eff1d6b4844ea3168962458c9f27a",
        ["CI_PROJECT_URL"] = "https://gitlab.example.com/ml/fraud-model",
        ["CI_PIPELINE_URL"] = "https://gitlab.example.com/ml/fraud-model/-/pipelines/9001",
    };

    [Fact]
    public void GitHub_Actions_gives_commit_repository_and_run_URL()
    {
        var lineage = CiLineage.Detect(GitHub)!;
        Assert.Equal(CiLineage.GitHubActions, lineage.System);
        Assert.Equal("ffac537e6cbbf934b08745a378932722df287a53", lineage.Properties.CommitId);
        Assert.Equal("https://github.com/octo-org/fraud-model", lineage.Properties.Repository);
        Assert.Equal("https://github.com/octo-org/fraud-model/actions/runs/1658821493", lineage.Properties.GeneratedBy);
        Assert.Null(lineage.Properties.ProjectId);
    }

    [Fact]
    public void Azure_Pipelines_gives_the_build_results_URL_with_the_project_escaped()
    {
        var lineage = CiLineage.Detect(Azure)!;
        Assert.Equal(CiLineage.AzurePipelines, lineage.System);
        Assert.Equal("d7f3a1c2b4e5f60718293a4b5c6d7e8f90a1b2c3", lineage.Properties.CommitId);
        Assert.Equal("https://dev.azure.com/fabrikam/Fraud%20Models/_git/fraud-model", lineage.Properties.Repository);
        Assert.Equal("https://dev.azure.com/fabrikam/Fraud%20Models/_build/results?buildId=4711", lineage.Properties.GeneratedBy);
    }

    [Fact]
    public void GitLab_CI_gives_the_pipeline_URL()
    {
        var lineage = CiLineage.Detect(GitLab)!;
        Assert.Equal(CiLineage.GitLabCi, lineage.System);
        Assert.Equal("1ecfd275763eff1d6b4844ea3168962458c9f27a", lineage.Properties.CommitId);
        Assert.Equal("https://gitlab.example.com/ml/fraud-model", lineage.Properties.Repository);
        Assert.Equal("https://gitlab.example.com/ml/fraud-model/-/pipelines/9001", lineage.Properties.GeneratedBy);
    }

    [Fact]
    public void Outside_CI_nothing_is_found()
    {
        Assert.Null(CiLineage.Detect(new Dictionary<string, string> { ["GITHUB_SHA"] = "abc", ["BUILD_BUILDID"] = "1", ["HOME"] = "/root" }));
    }

    [Fact]
    public void SAGEMAKER_PROJECT_ID_is_the_project_id()
    {
        var variables = new Dictionary<string, string>(GitLab) { ["SAGEMAKER_PROJECT_ID"] = "p-1a2b3c4d5e6f" };
        Assert.Equal("p-1a2b3c4d5e6f", CiLineage.Detect(variables)!.Properties.ProjectId);
    }

    [Fact]
    public void FillIn_keeps_explicit_members_and_fills_the_others()
    {
        var request = new ModelVersionRequest("fraud") { Lineage = new MetadataProperties { CommitId = "explicit-commit", ProjectId = "p-explicit" } };
        Assert.True(CiLineage.Detect(GitHub)!.FillIn(request));
        Assert.Equal("explicit-commit", request.Lineage!.CommitId);
        Assert.Equal("p-explicit", request.Lineage.ProjectId);
        Assert.Equal("https://github.com/octo-org/fraud-model", request.Lineage.Repository);
        Assert.Equal("https://github.com/octo-org/fraud-model/actions/runs/1658821493", request.Lineage.GeneratedBy);
        Assert.Equal(
            """{"CommitId":"explicit-commit","GeneratedBy":"https://github.com/octo-org/fraud-model/actions/runs/1658821493","ProjectId":"p-explicit","Repository":"https://github.com/octo-org/fraud-model"}""",
            request.ToJson()["MetadataProperties"]!.ToJsonString());
    }

    [Fact]
    public void FillIn_changes_nothing_when_every_member_was_given()
    {
        var given = new MetadataProperties { CommitId = "c", Repository = "r", GeneratedBy = "g", ProjectId = "p" };
        var request = new ModelVersionRequest("fraud") { Lineage = given };
        Assert.False(CiLineage.Detect(Azure)!.FillIn(request));
        Assert.Same(given, request.Lineage);
    }
}
