using System.Text.Json.Nodes;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

/// <summary>How many calls a listing costs: the canned server counts every request, so batching,
/// stopping early and -Latest are asserted as calls, not only as results.</summary>
public sealed class ModelVersionListingTests : CannedRegistryTest
{
    private const string Group = "fraud";

    [Fact]
    public async Task Detailed_describes_the_listed_versions_in_one_call_per_hundred()
    {
        ReplyPage(1, 100, nextToken: "page-2");
        ReplyDescribed(1, 100);
        ReplyPage(101, 150);
        ReplyDescribed(101, 150);

        var listed = await ListAsync(new ModelVersionListing(Registry) { Detailed = true });

        Assert.Equal(["ListModelPackages", "BatchDescribeModelPackage", "ListModelPackages", "BatchDescribeModelPackage"], Targets());
        Assert.Equal([100, 50], Server.Requests.Where(IsBatchDescribe).Select(r => Body(r)["ModelPackageArnList"]!.AsArray().Count));
        Assert.Equal(Enumerable.Range(1, 150), listed.Select(item => item.Version!.Version!.Value));
        Assert.All(listed, item => Assert.Equal($"s3://models/{item.Version!.Version}.tar.gz", item.Version!.InferenceSpecification!.Containers[0].ModelDataUrl));
    }

    [Fact]
    public async Task Without_detailed_nothing_is_described()
    {
        ReplyPage(1, 3);

        var listed = await ListAsync(new ModelVersionListing(Registry));

        Assert.Equal(["ListModelPackages"], Targets());
        Assert.Equal([1, 2, 3], listed.Select(item => item.Version!.Version!.Value));
        Assert.All(listed, item => Assert.Null(item.Version!.InferenceSpecification));
    }

    [Fact]
    public async Task A_reader_that_stops_early_stops_the_paging()
    {
        ReplyPage(1, 100, nextToken: "page-2");
        ReplyPage(101, 200, nextToken: "page-3");

        var firstThree = new List<ListedVersion>();
        await foreach (var item in new ModelVersionListing(Registry).ListAsync(Group, CancellationToken.None))
        {
            firstThree.Add(item);
            if (firstThree.Count == 3) break;
        }

        Assert.Equal(["ListModelPackages"], Targets());
        Assert.Equal([1, 2, 3], firstThree.Select(item => item.Version!.Version!.Value));
    }

    [Fact]
    public async Task A_detailed_reader_that_stops_early_describes_one_batch_only()
    {
        ReplyPage(1, 100, nextToken: "page-2");
        ReplyDescribed(1, 100);
        ReplyPage(101, 200);

        await foreach (var item in new ModelVersionListing(Registry) { Detailed = true }.ListAsync(Group, CancellationToken.None))
        {
            break;
        }

        Assert.Equal(["ListModelPackages", "BatchDescribeModelPackage"], Targets());
    }

    [Fact]
    public async Task Latest_asks_for_one_version_newest_first_in_one_listing_call_then_describes_it_with_tags()
    {
        ReplyPage(7, 7, nextToken: "more");
        ReplyVersion(7);

        var listed = await ListAsync(new ModelVersionListing(Registry) { LatestOnly = true, Query = { SortBy = "Name", SortOrder = "Ascending" } });

        Assert.Equal(["ListModelPackages", "DescribeModelPackage", "ListTags"], Targets());
        var request = Body(Server.Requests.First());
        var latest = Assert.IsType<ModelVersion>(Assert.Single(listed).Version);
        Assert.Equal((7, "fraud-7"), (latest.Version, latest.Tags!["model"]));
        Assert.Equal("CreationTime", (string?)request["SortBy"]);
        Assert.Equal("Descending", (string?)request["SortOrder"]);
        Assert.Equal(1, (int?)request["MaxResults"]);
        Assert.Equal(Group, (string?)request["ModelPackageGroupName"]);
    }

    [Fact]
    public async Task Latest_with_versions_pages_by_hundred_until_the_newest_wanted_one()
    {
        ReplyPage(300, 201, nextToken: "page-2");
        ReplyPage(200, 101, nextToken: "page-3");
        ReplyVersion(150);

        var listed = await ListAsync(new ModelVersionListing(Registry) { LatestOnly = true, Versions = [150, 5] });

        // Version 5 is older than 150, not missing: -Latest stops paging at the newest one wanted.
        Assert.Equal(150, Assert.Single(listed).Version!.Version);
        Assert.Equal(["ListModelPackages", "ListModelPackages", "DescribeModelPackage", "ListTags"], Targets());
        Assert.All(Server.Requests.Take(2), r => Assert.Equal(SageMakerClient.MaxPageSize, (int?)Body(r)["MaxResults"]));
    }

    [Fact]
    public async Task Versions_are_filtered_and_paging_stops_once_each_was_seen()
    {
        ReplyPage(1, 100, nextToken: "page-2");
        ReplyVersion(3);
        ReplyPage(101, 200, nextToken: "page-3");
        ReplyVersion(120);

        var listed = await ListAsync(new ModelVersionListing(Registry) { Versions = [120, 3] });

        // Versions named by number are described in full, with their tags.
        Assert.Equal([3, 120], listed.Select(item => item.Version!.Version!.Value));
        Assert.All(listed, item => Assert.IsType<ModelVersion>(item.Version));
        var listings = Server.Requests.Where(r => r.Headers["X-Amz-Target"] == "SageMaker.ListModelPackages").ToList();
        Assert.Equal(2, listings.Count);
        Assert.Equal("page-2", (string?)Body(listings.Last())["NextToken"]);
    }

    [Fact]
    public async Task The_query_filters_are_sent_with_the_group()
    {
        ReplyPage(1, 1);
        var after = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var query = new ModelVersionQuery
        {
            GroupName = "ignored",
            ApprovalStatus = "Approved",
            NameContains = "fr",
            CreationTimeAfter = after,
            CreationTimeBefore = after.AddDays(1),
            SortBy = "Name",
            SortOrder = "Ascending",
        };

        await ListAsync(new ModelVersionListing(Registry) { Query = query });

        var request = Body(Assert.Single(Server.Requests));
        Assert.Equal(Group, (string?)request["ModelPackageGroupName"]);
        Assert.Equal("Approved", (string?)request["ModelApprovalStatus"]);
        Assert.Equal("fr", (string?)request["NameContains"]);
        Assert.Equal("Name", (string?)request["SortBy"]);
        Assert.Equal("Ascending", (string?)request["SortOrder"]);
        Assert.Equal("Versioned", (string?)request["ModelPackageType"]);
        Assert.Equal(SageMakerClient.MaxPageSize, (int?)request["MaxResults"]);
        Assert.NotNull(request["CreationTimeAfter"]);
        Assert.NotNull(request["CreationTimeBefore"]);
    }

    [Fact]
    public async Task Versions_the_batch_could_not_describe_are_listed_with_their_error()
    {
        ReplyPage(1, 2);
        Server.Reply(200, new JsonObject
        {
            ["ModelPackageSummaries"] = new JsonObject { [Arn(1)] = Described(1) },
            ["BatchDescribeModelPackageErrorMap"] = new JsonObject { [Arn(2)] = new JsonObject { ["ErrorCode"] = "ValidationException", ["ErrorResponse"] = "gone" } },
        }.ToJsonString());

        var listed = await ListAsync(new ModelVersionListing(Registry) { Detailed = true });

        var error = Assert.Single(listed, item => item.Error is not null).Error!;
        Assert.Equal((Arn(2), "ValidationException", "gone"), (error.Arn, error.ErrorCode, error.ErrorResponse));
        Assert.NotNull(Assert.Single(listed, item => item.Version?.Version == 1).Version!.InferenceSpecification);
        Assert.Null(Assert.Single(listed, item => item.Version?.Version == 2).Version!.InferenceSpecification);
    }

    [Fact]
    public async Task An_empty_listing_asks_whether_the_group_exists_and_fails_if_not()
    {
        ReplyPage(1, 0);
        Server.Reply(400, """{"__type":"ResourceNotFound","message":"ModelPackageGroup fraud does not exist."}""");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ListAsync(new ModelVersionListing(Registry)));

        Assert.Contains("does not exist", error.Message);
        Assert.Equal(["ListModelPackages", "DescribeModelPackageGroup"], Targets());
    }

    [Fact]
    public async Task An_empty_listing_of_an_existing_group_is_empty()
    {
        ReplyPage(1, 0);
        Server.Reply(200, $$"""{"ModelPackageGroupName":"{{Group}}","ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/{{Group}}","ModelPackageGroupStatus":"Completed","CreationTime":1767225600}""");

        Assert.Empty(await ListAsync(new ModelVersionListing(Registry)));
        Assert.Equal(["ListModelPackages", "DescribeModelPackageGroup"], Targets());
    }

    [Fact]
    public async Task Progress_is_reported_every_hundred_versions()
    {
        ReplyPage(1, 100, nextToken: "page-2");
        ReplyPage(101, 250);
        var reported = new List<int>();

        await ListAsync(new ModelVersionListing(Registry) { Progress = reported.Add });

        Assert.Equal([100, 200], reported);
    }

    [Fact]
    public async Task Stage_keeps_the_versions_of_that_stage_in_any_case()
    {
        Server.Reply(200, new JsonObject
        {
            ["ModelPackageSummaryList"] = new JsonArray(Staged(1, "Staging"), Staged(2, "Production"), Summary(3), Staged(4, "staging")),
        }.ToJsonString());

        var listed = await ListAsync(new ModelVersionListing(Registry) { Stage = "STAGING" });

        Assert.Equal([1, 4], listed.Select(item => item.Version!.Version!.Value));
    }

    [Fact]
    public async Task Latest_of_a_stage_pages_by_hundred_as_the_newest_may_be_of_another_stage()
    {
        Server.Reply(200, new JsonObject { ["ModelPackageSummaryList"] = new JsonArray(Staged(9, "Production"), Staged(8, "Staging")) }.ToJsonString());
        ReplyVersion(8);

        var listed = await ListAsync(new ModelVersionListing(Registry) { LatestOnly = true, Stage = "Staging" });

        Assert.Equal(SageMakerClient.MaxPageSize, (int?)Body(Server.Requests.First())["MaxResults"]);
        Assert.Equal(8, Assert.Single(listed).Version!.Version);
    }

    [Fact]
    public async Task Version_numbers_the_group_lacks_are_reported_in_order_with_NoModelVersion()
    {
        ReplyPage(1, 5);
        ReplyVersion(2);

        var listed = await ListAsync(new ModelVersionListing(Registry) { Versions = [9, 2, 7] });

        Assert.Equal(2, listed[0].Version!.Version);
        Assert.Equal(
            [($"{Group}/7", "NoModelVersion", $"Model group '{Group}' has no version 7."), ($"{Group}/9", "NoModelVersion", $"Model group '{Group}' has no version 9.")],
            listed.Skip(1).Select(item => (item.Error!.Arn, item.Error.ErrorCode, item.Error.ErrorResponse)));
    }

    [Fact]
    public async Task Version_numbers_a_filter_may_have_hidden_are_not_reported_missing()
    {
        ReplyPage(1, 5);
        ReplyVersion(2);

        var listed = await ListAsync(new ModelVersionListing(Registry) { Versions = [2, 7], Query = new ModelVersionQuery { ApprovalStatus = "Approved" } });

        Assert.Equal(2, Assert.Single(listed).Version!.Version);
    }

    [Theory]
    [InlineData(400, "UnknownOperationException")]
    [InlineData(400, "InvalidAction")]
    [InlineData(404, "NotFound")]
    [InlineData(501, "NotImplemented")]
    public async Task An_endpoint_without_BatchDescribe_gets_one_describe_per_version_and_one_warning(int status, string code)
    {
        ReplyPage(1, 101);
        Server.Reply(status, $$"""{"__type":"{{code}}","message":"no such operation"}""");
        foreach (var version in Enumerable.Range(1, 101)) Server.Reply(200, Described(version).ToJsonString());

        var listed = await ListAsync(new ModelVersionListing(Registry) { Detailed = true });

        // The batch is tried once; then every version, of this batch and the next, is described on its own.
        Assert.Equal(1, Targets().Count(target => target == "BatchDescribeModelPackage"));
        Assert.Equal(101, Targets().Count(target => target == "DescribeModelPackage"));
        var warning = Assert.Single(listed, item => item.Warning is not null).Warning!;
        Assert.StartsWith($"This endpoint does not offer BatchDescribeModelPackage ({code}): each version is described on its own", warning);
        var versions = listed.Where(item => item.Version is not null).Select(item => item.Version!).ToList();
        Assert.Equal(Enumerable.Range(1, 101), versions.Select(v => v.Version!.Value).Order());
        Assert.All(versions, v => Assert.NotNull(v.InferenceSpecification));
    }

    [Fact]
    public void Versions_are_described_concurrently_also_when_listed_from_a_cmdlets_own_thread()
    {
        ReplyPage(1, 8);
        Server.Reply(400, """{"__type":"UnknownOperationException","message":"no such operation"}""");
        foreach (var version in Enumerable.Range(1, 8)) Server.Reply(200, Described(version).ToJsonString());

        // A pipeline thread is not a pool thread, and the module sends a call made on such a thread on that thread.
        List<ListedVersion>? listed = null;
        var pipelineThread = new Thread(() => listed = ListAsync(new ModelVersionListing(Registry) { Detailed = true }).GetAwaiter().GetResult());
        pipelineThread.Start();
        pipelineThread.Join();

        // The canned server answers one request at a time, so calls made at once wait on connections of their own.
        Assert.Equal(8, listed!.Count(item => item.Version is not null));
        var describes = Server.Requests.Where(r => r.Headers["X-Amz-Target"] == "SageMaker.DescribeModelPackage").ToList();
        Assert.True(describes.Select(r => r.ClientPort).Distinct().Count() > 1, "the describes came one after another on one connection");
    }

    [Fact]
    public async Task A_batch_that_fails_for_another_reason_fails_the_listing()
    {
        ReplyPage(1, 1);
        Server.Reply(400, """{"__type":"ValidationException","message":"bad batch"}""");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ListAsync(new ModelVersionListing(Registry) { Detailed = true }));

        Assert.Contains("bad batch", error.Message);
    }

    [Fact]
    public async Task A_version_whose_describe_fails_is_listed_with_its_error_and_the_others_are_kept()
    {
        ReplyPage(1, 2);
        Server.Reply(400, """{"__type":"UnknownOperationException","message":"no such operation"}""");
        // Described concurrently: whichever asks first gets the failure.
        Server.Reply(400, """{"__type":"ValidationException","message":"this version is gone"}""");
        Server.Reply(200, Described(2).ToJsonString());

        var listed = await ListAsync(new ModelVersionListing(Registry) { Detailed = true });

        var error = Assert.Single(listed, item => item.Error is not null).Error!;
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("this version is gone", error.ErrorResponse);
        Assert.Contains(error.Arn, new[] { Arn(1), Arn(2) });
        Assert.Single(listed, item => item.Version is not null);
    }

    private static JsonObject Staged(int version, string stage)
    {
        var summary = Summary(version);
        summary["ModelLifeCycle"] = new JsonObject { ["Stage"] = stage, ["StageStatus"] = "Approved" };
        return summary;
    }

    private static string Arn(int version) => $"arn:aws:sagemaker:us-east-1:111111111111:model-package/{Group}/{version}";

    private static JsonObject Summary(int version) => new()
    {
        ["ModelPackageGroupName"] = Group,
        ["ModelPackageVersion"] = version,
        ["ModelPackageArn"] = Arn(version),
        ["ModelApprovalStatus"] = "PendingManualApproval",
        ["ModelPackageStatus"] = "Completed",
        ["CreationTime"] = 1767225600 + version,
    };

    private static JsonObject Described(int version)
    {
        var described = Summary(version);
        described["InferenceSpecification"] = new JsonObject
        {
            ["Containers"] = new JsonArray(new JsonObject { ["Image"] = "111111111111.dkr.ecr.us-east-1.amazonaws.com/fraud:1", ["ModelDataUrl"] = $"s3://models/{version}.tar.gz" }),
            ["SupportedContentTypes"] = new JsonArray("text/csv"),
            ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
        };
        return described;
    }

    /// <summary>A ListModelPackages page of versions <paramref name="from"/> to <paramref name="to"/> (either order; none when to is 0).</summary>
    private void ReplyPage(int from, int to, string? nextToken = null)
    {
        var versions = to == 0 ? [] : from <= to ? Enumerable.Range(from, to - from + 1) : Enumerable.Range(to, from - to + 1).Reverse();
        var page = new JsonObject { ["ModelPackageSummaryList"] = new JsonArray(versions.Select(v => (JsonNode)Summary(v)).ToArray()) };
        if (nextToken is not null)
        {
            page["NextToken"] = nextToken;
        }

        Server.Reply(200, page.ToJsonString());
    }

    /// <summary>The DescribeModelPackage and ListTags replies for one version.</summary>
    private void ReplyVersion(int version)
    {
        Server.Reply(200, Described(version).ToJsonString());
        Server.Reply(200, new JsonObject { ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "model", ["Value"] = $"fraud-{version}" }) }.ToJsonString());
    }

    private void ReplyDescribed(int from, int to)
    {
        var summaries = new JsonObject();
        foreach (var version in Enumerable.Range(from, to - from + 1))
        {
            summaries[Arn(version)] = Described(version);
        }

        Server.Reply(200, new JsonObject { ["ModelPackageSummaries"] = summaries }.ToJsonString());
    }

    private static async Task<List<ListedVersion>> ListAsync(ModelVersionListing listing)
    {
        var listed = new List<ListedVersion>();
        await foreach (var item in listing.ListAsync(Group, CancellationToken.None))
        {
            listed.Add(item);
        }

        return listed;
    }

    private string[] Targets() => Server.Requests.Select(r => r.Headers["X-Amz-Target"].Split('.')[1]).ToArray();

    private static bool IsBatchDescribe(RecordedRequest request) => request.Headers["X-Amz-Target"] == "SageMaker.BatchDescribeModelPackage";

    private static JsonObject Body(RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();
}
