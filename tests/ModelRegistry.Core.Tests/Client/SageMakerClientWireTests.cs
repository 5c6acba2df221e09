using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class SageMakerClientWireTests : CannedRegistryTest
{
    private const string VersionArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/1";

    private static ModelVersionRequest NewVersion() => new("fraud")
    {
        InferenceSpecification = new InferenceSpecification
        {
            Containers = { new InferenceContainer("111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1") { ModelDataUrl = "s3://models/fraud/model.tar.gz" } },
        },
    };

    private JsonObject Body(int index) => JsonNode.Parse(Server.Requests.ElementAt(index).Body)!.AsObject();

    [Fact]
    public async Task CreateModelPackage_retries_a_throttled_call_with_the_same_new_client_token()
    {
        Server.Reply(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        Server.Reply(200, $$"""{"ModelPackageArn":"{{VersionArn}}"}""");

        var arn = await Registry.CreateModelPackageAsync(NewVersion(), CancellationToken.None);

        Assert.Equal(VersionArn, arn);
        Assert.Equal(2, Server.Requests.Count);
        var token = (string?)Body(0)["ClientToken"];
        Assert.True(Guid.TryParse(token, out _), token);
        Assert.Equal(token, (string?)Body(1)["ClientToken"]);
        Assert.All(Server.Requests, r => Assert.Equal("SageMaker.CreateModelPackage", r.Headers["X-Amz-Target"]));
        Assert.Matches(@"Credential=AKIALOCALREGISTRY001/\d{8}/us-east-1/sagemaker/aws4_request", Server.Requests.First().Headers["Authorization"]);
    }

    [Fact]
    public async Task CreateModelPackage_sends_the_callers_token_and_a_new_one_per_call_otherwise()
    {
        for (var i = 0; i < 3; i++)
        {
            Server.Reply(200, $$"""{"ModelPackageArn":"{{VersionArn}}"}""");
        }

        var request = NewVersion();
        await Registry.CreateModelPackageAsync(request, CancellationToken.None);
        await Registry.CreateModelPackageAsync(request, CancellationToken.None);
        Assert.Null(request.ClientToken); // The generated token belongs to one call, not to the request.
        request.ClientToken = "caller-token-1";
        await Registry.CreateModelPackageAsync(request, CancellationToken.None);

        Assert.NotEqual((string?)Body(0)["ClientToken"], (string?)Body(1)["ClientToken"]);
        Assert.Equal("caller-token-1", (string?)Body(2)["ClientToken"]);
    }

    [Fact]
    public async Task Invalid_input_is_rejected_before_anything_is_sent()
    {
        var request = NewVersion();
        request.InferenceSpecification!.Containers[0].Image = "not an image";

        var error = await Assert.ThrowsAsync<ModelRegistryValidationException>(() => Registry.CreateModelPackageAsync(request, CancellationToken.None));

        Assert.Equal("InferenceSpecification.Containers[0].Image", error.MemberPath);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task ListModelPackages_sends_the_filters_and_the_previous_pages_token()
    {
        Server.Reply(200, """{"ModelPackageSummaryList":[{"ModelPackageArn":"a1","ModelPackageVersion":1,"CreationTime":1,"ModelPackageStatus":"Completed"}],"NextToken":"page-2"}""");
        Server.Reply(200, """{"ModelPackageSummaryList":[{"ModelPackageArn":"a2","ModelPackageVersion":2,"CreationTime":2,"ModelPackageStatus":"Completed"}]}""");
        var query = new ModelVersionQuery { GroupName = "fraud", SortBy = "CreationTime", PageSize = 1 };

        var versions = new List<ModelVersionSummary>();
        await foreach (var version in Registry.ListModelPackagesAsync(query, CancellationToken.None)) versions.Add(version);

        Assert.Equal(new[] { 1, 2 }, versions.Select(v => v.Version!.Value));
        Assert.Equal(2, Server.Requests.Count);
        Assert.Null(Body(0)["NextToken"]);
        Assert.Equal("page-2", (string?)Body(1)["NextToken"]);
        Assert.All(new[] { Body(0), Body(1) }, body =>
            Assert.Equal(("fraud", "CreationTime", 1, "Versioned"), ((string?)body["ModelPackageGroupName"], (string?)body["SortBy"], (int?)body["MaxResults"], (string?)body["ModelPackageType"])));
    }

    [Fact]
    public async Task ListModelPackageGroups_reads_group_summaries_and_stops_at_an_empty_token()
    {
        Server.Reply(200, """
            {"ModelPackageGroupSummaryList":[{"ModelPackageGroupName":"fraud","ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud",
             "CreationTime":1764072000,"ModelPackageGroupStatus":"Completed"}],"NextToken":""}
            """);

        var groups = new List<ModelGroup>();
        await foreach (var group in Registry.ListModelPackageGroupsAsync(new ModelGroupQuery { NameContains = "fr" }, CancellationToken.None)) groups.Add(group);

        Assert.Equal(("fraud", "Completed"), (groups.Single().Name, groups.Single().Status));
        Assert.Equal("""{"NameContains":"fr"}""", Server.Requests.Single().Body);
    }

    [Fact]
    public async Task BatchDescribeModelPackage_sends_at_most_one_hundred_arns_per_call_and_merges_errors()
    {
        var arns = Enumerable.Range(1, 230).Select(i => $"arn:aws:sagemaker:us-east-1:111111111111:model-package/fraud/{i}").ToList();
        Server.Reply(200, Summaries(arns.Take(100)));
        Server.Reply(200, Summaries(arns.Skip(100).Take(100)));
        Server.Reply(200, new JsonObject
        {
            ["ModelPackageSummaries"] = new JsonObject(),
            ["BatchDescribeModelPackageErrorMap"] = new JsonObject { [arns[229]] = new JsonObject { ["ErrorCode"] = "ResourceNotFound", ["ErrorResponse"] = "gone" } },
        }.ToJsonString());

        var result = await Registry.BatchDescribeModelPackageAsync(arns.Concat(arns.Take(5)), CancellationToken.None);

        Assert.Equal(new[] { 100, 100, 30 }, Server.Requests.Select(r => JsonNode.Parse(r.Body)!["ModelPackageArnList"]!.AsArray().Count));
        Assert.Equal(200, result.Versions.Count);
        Assert.Equal(arns.Take(200), result.Versions.Select(v => v.Arn));
        Assert.Equal("i/r:1", result.Versions[199].InferenceSpecification!.Containers[0].Image);
        var failure = Assert.Single(result.Errors);
        Assert.Equal((arns[229], "ResourceNotFound", "gone"), (failure.Arn, failure.ErrorCode, failure.ErrorResponse));
    }

    [Fact]
    public async Task Service_errors_surface_with_their_code()
    {
        Server.Reply(400, """{"__type":"ResourceNotFound","message":"ModelPackageGroup fraud does not exist."}""");

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() => Registry.DescribeModelPackageGroupAsync("fraud", CancellationToken.None));

        Assert.Equal(("ResourceNotFound", ErrorType.Sender), (error.ErrorCode, error.ErrorType));
        Assert.Equal("""{"ModelPackageGroupName":"fraud"}""", Server.Requests.Single().Body);
    }

    [Fact]
    public async Task DeleteModelPackageGroup_after_an_answer_cut_off_mid_body_takes_does_not_exist_as_removed_and_warns()
    {
        Server.ReplyCutOff(200, """{"ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud"}""");
        Server.Reply(400, """{"__type":"ValidationException","message":"Model package group fraud does not exist."}""");
        var warnings = new List<string>();

        await Registry.DeleteModelPackageGroupAsync("fraud", CancellationToken.None, warnings.Add);

        Assert.Equal(2, Server.Requests.Count);
        Assert.Contains("answer to DeleteModelPackageGroup was lost", Assert.Single(warnings));
    }

    [Fact]
    public async Task DeleteModelPackage_after_a_timed_out_attempt_takes_does_not_exist_as_removed_and_warns()
    {
        using var impatient = new SageMakerClient(new AwsConnection(
            new BasicAWSCredentials("AKIALOCALREGISTRY001", "LocalRegistrySecretKey1111111111111111111"), RegionEndpoint.USEast1, Server.Url,
            timeout: TimeSpan.FromSeconds(1)));
        // The first answer comes long after the client's time-out: the SDK gives up on it and sends the delete again.
        Server.ReplyAfter(TimeSpan.FromSeconds(30), 200, "{}");
        Server.Reply(400, $$"""{"__type":"ValidationException","message":"Model package {{VersionArn}} does not exist."}""");
        var warnings = new List<string>();

        await impatient.DeleteModelPackageAsync(VersionArn, CancellationToken.None, warnings.Add);

        Assert.Equal(2, Server.Requests.Count);
        Assert.Contains("answer to DeleteModelPackage was lost", Assert.Single(warnings));
    }

    private static string Summaries(IEnumerable<string> arns)
    {
        var summaries = new JsonObject();
        foreach (var arn in arns)
        {
            summaries[arn] = new JsonObject
            {
                ["ModelPackageGroupName"] = "fraud",
                ["ModelPackageArn"] = arn,
                ["CreationTime"] = 1764072000,
                ["ModelPackageStatus"] = "Completed",
                ["InferenceSpecification"] = new JsonObject { ["Containers"] = new JsonArray(new JsonObject { ["Image"] = "i/r:1" }) },
            };
        }

        return new JsonObject { ["ModelPackageSummaries"] = summaries }.ToJsonString();
    }
}
