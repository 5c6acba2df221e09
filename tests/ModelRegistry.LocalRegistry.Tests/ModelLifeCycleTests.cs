using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>ModelLifeCycle, MetadataProperties and SourceUri over HTTP, as the service stores and validates them.</summary>
public sealed class ModelLifeCycleTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>
{
    private static JsonObject Version(string group, JsonObject extra)
    {
        var input = new JsonObject
        {
            ["ModelPackageGroupName"] = group,
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject { ["Image"] = "111111111111.dkr.ecr.us-east-1.amazonaws.com/churn:1.0" }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
        };
        foreach (var (name, value) in extra) input[name] = value?.DeepClone();
        return input;
    }

    private static async Task<string> CreateGroupAsync(SageMakerTestClient client)
    {
        var name = "stage-" + Guid.NewGuid().ToString("N")[..12];
        await client.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        return name;
    }

    [Fact]
    public async Task The_lifecycle_is_stored_listed_and_replaced_whole_by_an_update()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var lineage = JsonNode.Parse("""{"CommitId":"ffac537e","Repository":"https://github.com/o/r","GeneratedBy":"https://github.com/o/r/actions/runs/1","ProjectId":"p-1"}""")!;
        var created = await client.ExpectAsync("CreateModelPackage", Version(group, new JsonObject
        {
            ["ModelLifeCycle"] = JsonNode.Parse("""{"Stage":"Development","StageStatus":"InProgress","StageDescription":"first run"}"""),
            ["MetadataProperties"] = lineage.DeepClone(),
            ["SourceUri"] = "arn:aws:sagemaker:us-west-2:222222222222:model-package/dev/3",
        }));
        var arn = (string)created["ModelPackageArn"]!;

        var described = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });
        Assert.Equal("""{"Stage":"Development","StageStatus":"InProgress","StageDescription":"first run"}""", described["ModelLifeCycle"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(lineage, described["MetadataProperties"]));
        Assert.Equal("arn:aws:sagemaker:us-west-2:222222222222:model-package/dev/3", (string?)described["SourceUri"]);
        OutputContract.AssertMatches("DescribeModelPackage", described);

        await client.ExpectAsync("UpdateModelPackage", new JsonObject
        {
            ["ModelPackageArn"] = arn,
            ["ModelLifeCycle"] = JsonNode.Parse("""{"Stage":"Staging","StageStatus":"Approved"}"""),
        });
        var listed = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        var summary = Assert.Single(listed["ModelPackageSummaryList"]!.AsArray())!;
        Assert.Equal("""{"Stage":"Staging","StageStatus":"Approved"}""", summary["ModelLifeCycle"]!.ToJsonString());
        OutputContract.AssertMatches("ListModelPackages", listed);
    }

    [Theory]
    [InlineData("""{"Stage":"Staging"}""")]
    [InlineData("""{"StageStatus":"Approved"}""")]
    [InlineData("""{"Stage":"In Staging","StageStatus":"Approved"}""")]
    [InlineData("""{"Stage":"Staging","StageStatus":"-Approved"}""")]
    public async Task An_incomplete_or_malformed_lifecycle_is_a_validation_error(string lifeCycle)
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        await client.ExpectErrorAsync("CreateModelPackage", Version(group, new JsonObject { ["ModelLifeCycle"] = JsonNode.Parse(lifeCycle) }), "ValidationException");
        var arn = (string)(await client.ExpectAsync("CreateModelPackage", Version(group, new JsonObject())))["ModelPackageArn"]!;
        await client.ExpectErrorAsync("UpdateModelPackage", new JsonObject { ["ModelPackageArn"] = arn, ["ModelLifeCycle"] = JsonNode.Parse(lifeCycle) }, "ValidationException");
        var described = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });
        Assert.False(described.ContainsKey("ModelLifeCycle"));
    }
}
