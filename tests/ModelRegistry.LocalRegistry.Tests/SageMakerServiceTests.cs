using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

public sealed class SageMakerServiceTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>
{
    private const string RegistryAccount = "111111111111";

    private static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<string> CreateGroupAsync(SageMakerTestClient client, string? name = null, string? description = null)
    {
        var input = new JsonObject { ["ModelPackageGroupName"] = name ?? UniqueName("group") };
        if (description is not null)
        {
            input["ModelPackageGroupDescription"] = description;
        }

        await client.ExpectAsync("CreateModelPackageGroup", input);
        return (string)input["ModelPackageGroupName"]!;
    }

    private static async Task<string> CreateVersionAsync(SageMakerTestClient client, string group, JsonObject? extra = null) =>
        (string)(await client.ExpectAsync("CreateModelPackage", ModelPackageInput.For(group, extra)))["ModelPackageArn"]!;

    [Fact]
    public async Task A_group_is_created_described_listed_and_deleted()
    {
        using var client = registry.Client();
        var name = UniqueName("Churn");

        var created = await client.ExpectAsync("CreateModelPackageGroup", new JsonObject
        {
            ["ModelPackageGroupName"] = name,
            ["ModelPackageGroupDescription"] = "Churn models",
        });
        OutputContract.AssertMatches("CreateModelPackageGroup", created);
        var arn = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{name.ToLowerInvariant()}";
        Assert.Equal(arn, (string?)created["ModelPackageGroupArn"]);

        var described = await client.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        OutputContract.AssertMatches("DescribeModelPackageGroup", described);
        Assert.Equal(name, (string?)described["ModelPackageGroupName"]);
        Assert.Equal("Churn models", (string?)described["ModelPackageGroupDescription"]);
        Assert.Equal("Completed", (string?)described["ModelPackageGroupStatus"]);
        Assert.Equal($"arn:aws:iam::{RegistryAccount}:root", (string?)described["CreatedBy"]!["IamIdentity"]!["Arn"]);
        Assert.InRange((double)described["CreationTime"]!, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);

        var byArn = await client.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = arn });
        Assert.Equal(name, (string?)byArn["ModelPackageGroupName"]);

        var listed = await client.ExpectAsync("ListModelPackageGroups", new JsonObject { ["NameContains"] = name[6..], ["MaxResults"] = 100 });
        OutputContract.AssertMatches("ListModelPackageGroups", listed);
        Assert.Equal(arn, (string?)Assert.Single(listed["ModelPackageGroupSummaryList"]!.AsArray())!["ModelPackageGroupArn"]);

        var deleted = await client.ExpectAsync("DeleteModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        Assert.Empty(deleted);
        var missing = await client.ExpectErrorAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name }, "ValidationException");
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains(arn, missing.ErrorMessage);
    }

    [Fact]
    public async Task A_second_group_of_the_same_name_is_rejected_whatever_its_case()
    {
        using var client = registry.Client();
        var name = await CreateGroupAsync(client);

        var reply = await client.ExpectErrorAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name.ToUpperInvariant() }, "ValidationException");

        Assert.Equal($"Model Package Group already exists: arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{name}", reply.ErrorMessage);
    }

    [Fact]
    public async Task Versions_are_numbered_per_group_and_never_reused()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var other = await CreateGroupAsync(client);

        var first = await CreateVersionAsync(client, group);
        var second = await CreateVersionAsync(client, group);
        var third = await CreateVersionAsync(client, group);
        var otherFirst = await CreateVersionAsync(client, other);

        var prefix = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package/{group}/";
        Assert.Equal([prefix + "1", prefix + "2", prefix + "3"], [first, second, third]);
        Assert.EndsWith($"model-package/{other}/1", otherFirst);

        await client.ExpectAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = third });
        await client.ExpectAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = group + "/2" });
        var fourth = await CreateVersionAsync(client, group);

        Assert.Equal(prefix + "4", fourth);
        var gone = await client.ExpectErrorAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = second }, "ValidationException");
        Assert.Equal($"ModelPackage {second} does not exist.", gone.ErrorMessage);
        var remaining = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        Assert.Equal([first, fourth], remaining["ModelPackageSummaryList"]!.AsArray().Select(s => (string)s!["ModelPackageArn"]!));
    }

    [Fact]
    public async Task A_version_is_described_with_its_registration_and_every_required_member()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var arn = await CreateVersionAsync(client, group, new JsonObject
        {
            ["ModelPackageDescription"] = "first cut",
            ["CustomerMetadataProperties"] = new JsonObject { ["team"] = "growth" },
            ["MetadataProperties"] = new JsonObject { ["CommitId"] = "abc123" },
        });

        var byName = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = group + "/1" });
        var byArn = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });

        OutputContract.AssertMatches("DescribeModelPackage", byArn);
        Assert.Equal(byName.ToJsonString(), byArn.ToJsonString());
        Assert.Equal(arn, (string?)byArn["ModelPackageArn"]);
        Assert.Equal(group, (string?)byArn["ModelPackageGroupName"]);
        Assert.Equal(1, (int)byArn["ModelPackageVersion"]!);
        Assert.Equal("PendingManualApproval", (string?)byArn["ModelApprovalStatus"]);
        Assert.Equal("Completed", (string?)byArn["ModelPackageStatus"]);
        Assert.Equal("first cut", (string?)byArn["ModelPackageDescription"]);
        Assert.Equal("growth", (string?)byArn["CustomerMetadataProperties"]!["team"]);
        Assert.Equal("abc123", (string?)byArn["MetadataProperties"]!["CommitId"]);
        Assert.Equal("s3://models/churn/model.tar.gz", (string?)byArn["InferenceSpecification"]!["Containers"]![0]!["ModelDataUrl"]);
        Assert.Null(byArn["LastModifiedTime"]);
    }

    [Fact]
    public async Task A_group_with_versions_cannot_be_deleted()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var version = await CreateVersionAsync(client, group);

        await client.ExpectErrorAsync("DeleteModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = group }, "ConflictException");
        await client.ExpectAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = version });
        await client.ExpectAsync("DeleteModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = group });
    }

    [Fact]
    public async Task A_repeated_create_with_the_same_client_token_returns_the_first_version()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var token = Guid.NewGuid().ToString();

        var first = await CreateVersionAsync(client, group, new JsonObject { ["ClientToken"] = token });
        var repeated = await CreateVersionAsync(client, group, new JsonObject { ["ClientToken"] = token });
        var fresh = await CreateVersionAsync(client, group, new JsonObject { ["ClientToken"] = Guid.NewGuid().ToString() });

        Assert.Equal(first, repeated);
        Assert.EndsWith("/2", fresh);
        var listed = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        Assert.Equal(2, listed["ModelPackageSummaryList"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_client_token_reused_for_another_group_or_spec_is_refused_never_answered_with_the_first_version()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var otherGroup = await CreateGroupAsync(client);
        var token = Guid.NewGuid().ToString();
        var first = await CreateVersionAsync(client, group, new JsonObject { ["ClientToken"] = token });

        var otherGroupReply = await client.ExpectErrorAsync("CreateModelPackage", ModelPackageInput.For(otherGroup, new JsonObject { ["ClientToken"] = token }), "ConflictException");
        var otherSpecReply = await client.ExpectErrorAsync("CreateModelPackage",
            ModelPackageInput.For(group, new JsonObject { ["ClientToken"] = token, ["ModelPackageDescription"] = "another model" }), "ConflictException");
        var byArn = await CreateVersionAsync(client, $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{group.ToLowerInvariant()}",
            new JsonObject { ["ClientToken"] = token });

        Assert.Contains($"ClientToken '{token}'", otherGroupReply.ErrorMessage);
        Assert.Contains("different parameters", otherSpecReply.ErrorMessage);
        Assert.DoesNotContain(first, otherGroupReply.Body);
        Assert.Equal(first, byArn);
        var otherListed = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = otherGroup });
        Assert.Empty(otherListed["ModelPackageSummaryList"]!.AsArray());
    }

    [Fact]
    public async Task Tag_keys_in_the_reserved_aws_prefix_are_refused()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var groupArn = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{group.ToLowerInvariant()}";
        // The prefix in any case.
        static JsonArray ReservedTag(string prefix) => new(new JsonObject { ["Key"] = prefix + "cloudformation:stack-name", ["Value"] = "mine" });

        var created = await client.ExpectErrorAsync("CreateModelPackageGroup",
            new JsonObject { ["ModelPackageGroupName"] = UniqueName("group"), ["Tags"] = ReservedTag("aws:") }, "ValidationException");
        var added = await client.ExpectErrorAsync("AddTags", new JsonObject { ["ResourceArn"] = groupArn, ["Tags"] = ReservedTag("AWS:") }, "ValidationException");
        await client.ExpectErrorAsync("CreateModelPackage", ModelPackageInput.For(group, new JsonObject { ["Tags"] = ReservedTag("Aws:") }), "ValidationException");

        Assert.Contains("aws:", created.ErrorMessage);
        Assert.Contains("tags.1.member.key", added.ErrorMessage);
        var listed = await client.ExpectAsync("ListTags", new JsonObject { ["ResourceArn"] = groupArn });
        Assert.Empty(listed["Tags"]!.AsArray());
    }

    [Theory]
    [InlineData("not-an-account")]
    [InlineData("arn:aws:iam::12:root")]
    public async Task A_group_policy_naming_a_principal_that_is_no_account_is_refused(string principal)
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
            + "\"},\"Action\":\"sagemaker:DescribeModelPackage\",\"Resource\":\"*\"}]}";

        var reply = await client.ExpectErrorAsync("PutModelPackageGroupPolicy",
            new JsonObject { ["ModelPackageGroupName"] = group, ["ResourcePolicy"] = policy }, "ValidationException");

        Assert.Contains($"Statement[0].Principal.AWS '{principal}' is not an AWS principal", reply.ErrorMessage);
        var stored = await client.ExpectErrorAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group }, "ValidationException");
        Assert.Contains("Cannot find resource policy", stored.ErrorMessage);
    }

    [Fact]
    public async Task Both_or_neither_group_and_package_name_is_a_validation_error()
    {
        using var client = registry.Client();
        var both = ModelPackageInput.For("some-group");
        both["ModelPackageName"] = "some-package";
        var neither = ModelPackageInput.For("x");
        neither.Remove("ModelPackageGroupName");

        var bothReply = await client.ExpectErrorAsync("CreateModelPackage", both, "ValidationException");
        var neitherReply = await client.ExpectErrorAsync("CreateModelPackage", neither, "ValidationException");

        Assert.Contains("Both ModelPackageName and ModelPackageGroupName", bothReply.ErrorMessage);
        Assert.Equal("Missing ARN.", neitherReply.ErrorMessage);
        await client.ExpectErrorAsync("CreateModelPackage", ModelPackageInput.For(UniqueName("missing")), "ValidationException");
    }

    [Fact]
    public async Task Update_changes_only_the_members_sent()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var arn = await CreateVersionAsync(client, group, new JsonObject
        {
            ["ModelPackageDescription"] = "kept",
            ["CustomerMetadataProperties"] = new JsonObject { ["a"] = "1", ["b"] = "2" },
        });
        var before = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });

        var updated = await client.ExpectAsync("UpdateModelPackage", new JsonObject
        {
            ["ModelPackageArn"] = arn,
            ["ModelApprovalStatus"] = "Approved",
            ["ApprovalDescription"] = "passed offline evaluation",
        });
        OutputContract.AssertMatches("UpdateModelPackage", updated);
        await client.ExpectAsync("UpdateModelPackage", new JsonObject
        {
            ["ModelPackageArn"] = arn,
            ["CustomerMetadataProperties"] = new JsonObject { ["c"] = "3", ["b"] = "two" },
            ["CustomerMetadataPropertiesToRemove"] = new JsonArray("a"),
        });
        var after = await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });

        Assert.Equal(arn, (string?)updated["ModelPackageArn"]);
        Assert.Equal("Approved", (string?)after["ModelApprovalStatus"]);
        Assert.Equal("passed offline evaluation", (string?)after["ApprovalDescription"]);
        Assert.Equal("kept", (string?)after["ModelPackageDescription"]);
        Assert.Equal("""{"b":"two","c":"3"}""", after["CustomerMetadataProperties"]!.ToJsonString());
        Assert.Equal(before["InferenceSpecification"]!.ToJsonString(), after["InferenceSpecification"]!.ToJsonString());
        Assert.Equal((double)before["CreationTime"]!, (double)after["CreationTime"]!);
        Assert.True((double)after["LastModifiedTime"]! >= (double)before["CreationTime"]!);
        Assert.Equal($"arn:aws:iam::{RegistryAccount}:root", (string?)after["LastModifiedBy"]!["IamIdentity"]!["Arn"]);
        OutputContract.AssertMatches("DescribeModelPackage", after);
    }

    [Fact]
    public async Task Listing_250_versions_pages_through_every_one_exactly_once()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var created = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            created.Add(await CreateVersionAsync(client, group));
        }

        async Task<(List<string> Arns, int Pages)> ListAllAsync(string sortOrder)
        {
            var arns = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                var input = new JsonObject { ["ModelPackageGroupName"] = group, ["MaxResults"] = 100, ["SortOrder"] = sortOrder };
                if (token is not null)
                {
                    input["NextToken"] = token;
                }

                var page = await client.ExpectAsync("ListModelPackages", input);
                OutputContract.AssertMatches("ListModelPackages", page);
                arns.AddRange(page["ModelPackageSummaryList"]!.AsArray().Select(s => (string)s!["ModelPackageArn"]!));
                token = (string?)page["NextToken"];
                pages++;
            }
            while (token is not null);

            return (arns, pages);
        }

        var ascending = await ListAllAsync("Ascending");
        var descending = await ListAllAsync("Descending");

        Assert.Equal(3, ascending.Pages);
        Assert.Equal(created, ascending.Arns);
        Assert.Equal(Enumerable.Reverse(created), descending.Arns);

        var defaultPage = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group });
        Assert.Equal(10, defaultPage["ModelPackageSummaryList"]!.AsArray().Count);
        Assert.NotNull((string?)defaultPage["NextToken"]);
    }

    [Fact]
    public async Task A_next_token_that_was_not_issued_for_the_query_is_rejected()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        await CreateVersionAsync(client, group);
        await CreateVersionAsync(client, group);
        var page = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group, ["MaxResults"] = 1 });
        var token = (string)page["NextToken"]!;

        var forged = await client.ExpectErrorAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group, ["NextToken"] = "not-a-token" }, "ValidationException");
        await client.ExpectErrorAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group, ["NextToken"] = token, ["SortOrder"] = "Descending" }, "ValidationException");
        var next = await client.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = group, ["NextToken"] = token, ["MaxResults"] = 1 });

        Assert.Contains("pagination token", forged.ErrorMessage);
        Assert.EndsWith("/2", (string)next["ModelPackageSummaryList"]![0]!["ModelPackageArn"]!);
    }

    [Fact]
    public async Task Versions_are_filtered_by_approval_status_and_creation_time()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var first = await CreateVersionAsync(client, group);
        await Task.Delay(30);
        var second = await CreateVersionAsync(client, group, new JsonObject { ["ModelApprovalStatus"] = "Approved" });
        await Task.Delay(30);
        var third = await CreateVersionAsync(client, group, new JsonObject { ["ModelApprovalStatus"] = "Rejected" });
        var secondTime = (double)(await client.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = second }))["CreationTime"]!;

        async Task<IEnumerable<string>> ListAsync(JsonObject filter)
        {
            filter["ModelPackageGroupName"] = group;
            var page = await client.ExpectAsync("ListModelPackages", filter);
            return page["ModelPackageSummaryList"]!.AsArray().Select(s => (string)s!["ModelPackageArn"]!).ToList();
        }

        Assert.Equal([second], await ListAsync(new JsonObject { ["ModelApprovalStatus"] = "Approved" }));
        Assert.Equal([first], await ListAsync(new JsonObject { ["ModelApprovalStatus"] = "PendingManualApproval" }));
        Assert.Equal([third], await ListAsync(new JsonObject { ["CreationTimeAfter"] = secondTime }));
        Assert.Equal([first], await ListAsync(new JsonObject { ["CreationTimeBefore"] = secondTime }));
        Assert.Equal([third, second, first], await ListAsync(new JsonObject { ["SortBy"] = "CreationTime", ["SortOrder"] = "Descending" }));
        Assert.Empty(await ListAsync(new JsonObject { ["ModelPackageType"] = "Unversioned" }));
    }

    [Fact]
    public async Task Groups_are_filtered_by_name_and_sorted_by_name_or_time()
    {
        using var client = registry.Client();
        var marker = Guid.NewGuid().ToString("N")[..10];
        var names = new[] { $"b-{marker}", $"a-{marker}", $"c-{marker}" };
        foreach (var name in names)
        {
            await CreateGroupAsync(client, name);
            await Task.Delay(20);
        }

        async Task<List<string>> ListAsync(string sortBy, string sortOrder)
        {
            var page = await client.ExpectAsync("ListModelPackageGroups", new JsonObject
            {
                ["NameContains"] = marker.ToUpperInvariant(),
                ["SortBy"] = sortBy,
                ["SortOrder"] = sortOrder,
            });
            return page["ModelPackageGroupSummaryList"]!.AsArray().Select(s => (string)s!["ModelPackageGroupName"]!).ToList();
        }

        Assert.Equal(names, await ListAsync("CreationTime", "Ascending"));
        Assert.Equal([$"a-{marker}", $"b-{marker}", $"c-{marker}"], await ListAsync("Name", "Ascending"));
        Assert.Equal([$"c-{marker}", $"b-{marker}", $"a-{marker}"], await ListAsync("Name", "Descending"));
    }

    [Fact]
    public async Task State_is_kept_per_region()
    {
        using var east = registry.Client();
        using var west = registry.Client(region: "us-west-2");
        var name = await CreateGroupAsync(east);

        await west.ExpectErrorAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name }, "ValidationException");
        var created = await west.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        var wrongRegion = await west.ExpectErrorAsync("DescribeModelPackageGroup", new JsonObject
        {
            ["ModelPackageGroupName"] = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{name}",
        }, "ValidationException");

        Assert.StartsWith("arn:aws:sagemaker:us-west-2:", (string)created["ModelPackageGroupArn"]!);
        Assert.Equal("ARN should be scoped to correct region: us-west-2", wrongRegion.ErrorMessage);
    }

    [Fact]
    public async Task State_is_kept_per_account()
    {
        using var registryAccount = registry.Client();
        using var training = registry.Client(TestAccount.Training);
        var name = await CreateGroupAsync(registryAccount);

        // The same name is free in the other account, and each account sees its own group.
        var created = await training.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name, ["ModelPackageGroupDescription"] = "training's" });
        var described = await training.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });
        var own = await registryAccount.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = name });

        Assert.StartsWith("arn:aws:sagemaker:us-east-1:222222222222:", (string)created["ModelPackageGroupArn"]!);
        Assert.Equal("training's", (string?)described["ModelPackageGroupDescription"]);
        Assert.StartsWith($"arn:aws:sagemaker:us-east-1:{RegistryAccount}:", (string)own["ModelPackageGroupArn"]!);
        Assert.Null(own["ModelPackageGroupDescription"]);
    }

    [Fact]
    public async Task Another_account_needs_the_group_policy_to_register_versions()
    {
        using var owner = registry.Client();
        using var training = registry.Client(TestAccount.Training);
        var group = await CreateGroupAsync(owner);
        var groupArn = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{group}";

        var denied = await training.ExpectErrorAsync("CreateModelPackage", ModelPackageInput.For(groupArn), "AccessDeniedException");
        Assert.Contains("sagemaker:CreateModelPackage", denied.ErrorMessage);
        await training.ExpectErrorAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = groupArn + "-missing" }, "AccessDeniedException");
        await training.ExpectErrorAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = groupArn.Replace("model-package-group/", "model-package/") + "/9" }, "AccessDeniedException");

        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "ShareGroup",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::222222222222:root" },
                    ["Action"] = new JsonArray("sagemaker:DescribeModelPackageGroup"),
                    ["Resource"] = groupArn,
                },
                new JsonObject
                {
                    ["Sid"] = "ShareVersions",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::222222222222:root" },
                    ["Action"] = new JsonArray("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"),
                    ["Resource"] = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package/{group}/*",
                }),
        }.ToJsonString();
        var put = await owner.ExpectAsync("PutModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group, ["ResourcePolicy"] = policy });
        OutputContract.AssertMatches("PutModelPackageGroupPolicy", put);

        var arn = await CreateVersionAsync(training, groupArn);
        var described = await training.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = arn });
        var listed = await training.ExpectAsync("ListModelPackages", new JsonObject { ["ModelPackageGroupName"] = groupArn });
        var shared = await training.ExpectAsync("ListModelPackageGroups", new JsonObject { ["CrossAccountFilterOption"] = "CrossAccount", ["MaxResults"] = 100 });

        Assert.StartsWith($"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package/{group}/", arn);
        Assert.Equal("arn:aws:iam::222222222222:root", (string?)described["CreatedBy"]!["IamIdentity"]!["Arn"]);
        Assert.Single(listed["ModelPackageSummaryList"]!.AsArray());
        Assert.Contains(shared["ModelPackageGroupSummaryList"]!.AsArray(), g => (string?)g!["ModelPackageGroupArn"] == groupArn);
        await training.ExpectErrorAsync("UpdateModelPackage", new JsonObject { ["ModelPackageArn"] = arn, ["ModelApprovalStatus"] = "Approved" }, "AccessDeniedException");
        await training.ExpectErrorAsync("DeleteModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = groupArn }, "AccessDeniedException");
        Assert.Equal(policy, (string?)(await owner.ExpectAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group }))["ResourcePolicy"]);
    }

    [Fact]
    public async Task An_explicit_deny_in_the_group_policy_binds_the_owning_account()
    {
        using var owner = registry.Client();
        var group = await CreateGroupAsync(owner);
        var version = await CreateVersionAsync(owner, group);
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = "KeepVersions",
                ["Effect"] = "Deny",
                ["Principal"] = "*",
                ["Action"] = "sagemaker:DeleteModelPackage",
                ["Resource"] = "*",
            }),
        }.ToJsonString();
        await owner.ExpectAsync("PutModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group, ["ResourcePolicy"] = policy });

        await owner.ExpectErrorAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = version }, "AccessDeniedException");
        await owner.ExpectAsync("DeleteModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group });
        await owner.ExpectAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = version });
        await owner.ExpectErrorAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group }, "ValidationException");
    }

    [Fact]
    public async Task A_policy_that_does_not_parse_is_rejected()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);

        await client.ExpectErrorAsync("PutModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group, ["ResourcePolicy"] = "{\"Statement\": 5}" }, "ValidationException");
        await client.ExpectErrorAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = group }, "ValidationException");
    }

    [Fact]
    public async Task Tags_are_added_listed_replaced_and_deleted()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var groupArn = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package-group/{group}";
        var version = await CreateVersionAsync(client, group, new JsonObject { ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "stage", ["Value"] = "dev" }) });

        var added = await client.ExpectAsync("AddTags", new JsonObject
        {
            ["ResourceArn"] = groupArn,
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "growth" }, new JsonObject { ["Key"] = "cost", ["Value"] = "42" }),
        });
        OutputContract.AssertMatches("AddTags", added);
        await client.ExpectAsync("AddTags", new JsonObject { ["ResourceArn"] = groupArn, ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "churn" }) });
        var listed = await client.ExpectAsync("ListTags", new JsonObject { ["ResourceArn"] = groupArn });
        OutputContract.AssertMatches("ListTags", listed);
        Assert.Equal("""[{"Key":"team","Value":"churn"},{"Key":"cost","Value":"42"}]""", listed["Tags"]!.ToJsonString());

        await client.ExpectAsync("DeleteTags", new JsonObject { ["ResourceArn"] = groupArn, ["TagKeys"] = new JsonArray("cost") });
        var afterDelete = await client.ExpectAsync("ListTags", new JsonObject { ["ResourceArn"] = groupArn, ["MaxResults"] = int.MaxValue });
        var versionTags = await client.ExpectAsync("ListTags", new JsonObject { ["ResourceArn"] = version });

        Assert.Equal("""[{"Key":"team","Value":"churn"}]""", afterDelete["Tags"]!.ToJsonString());
        Assert.Equal("""[{"Key":"stage","Value":"dev"}]""", versionTags["Tags"]!.ToJsonString());
        await client.ExpectErrorAsync("ListTags", new JsonObject { ["ResourceArn"] = groupArn + "-missing" }, "ValidationException");
    }

    [Fact]
    public async Task Batch_describe_returns_summaries_and_an_error_for_each_missing_version()
    {
        using var client = registry.Client();
        var group = await CreateGroupAsync(client);
        var first = await CreateVersionAsync(client, group);
        var second = await CreateVersionAsync(client, group);
        var missing = $"arn:aws:sagemaker:us-east-1:{RegistryAccount}:model-package/{group}/99";

        var reply = await client.ExpectAsync("BatchDescribeModelPackage", new JsonObject { ["ModelPackageArnList"] = new JsonArray(first, second, missing) });

        OutputContract.AssertMatches("BatchDescribeModelPackage", reply);
        var summaries = reply["ModelPackageSummaries"]!.AsObject();
        Assert.Equal([first, second], summaries.Select(s => s.Key));
        Assert.Equal(2, (int)summaries[second]!["ModelPackageVersion"]!);
        var error = reply["BatchDescribeModelPackageErrorMap"]![missing]!;
        Assert.Equal("ValidationException", (string?)error["ErrorCode"]);
        Assert.Contains("does not exist", (string?)error["ErrorResponse"]);
    }

    [Fact]
    public async Task Invalid_input_is_a_ValidationException_naming_each_member()
    {
        using var client = registry.Client();

        var reply = await client.ExpectErrorAsync("CreateModelPackageGroup", new JsonObject
        {
            ["ModelPackageGroupName"] = "not valid!",
            ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k" }),
        }, "ValidationException");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.StartsWith("2 validation errors detected: ", reply.ErrorMessage);
        Assert.Contains("Value 'not valid!' at 'modelPackageGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", reply.ErrorMessage);
        Assert.Contains("Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null", reply.ErrorMessage);
        var missing = await client.ExpectErrorAsync("DescribeModelPackage", new JsonObject(), "ValidationException");
        Assert.Contains("'modelPackageName'", missing.ErrorMessage);
    }

    [Fact]
    public async Task Wrong_types_and_broken_json_are_SerializationExceptions()
    {
        using var client = registry.Client();

        var wrongType = await client.ExpectErrorAsync("ListModelPackages", new JsonObject { ["MaxResults"] = "ten" }, "SerializationException");
        var broken = await client.SendAsync("SageMaker.ListModelPackages", Encoding.UTF8.GetBytes("{\"MaxResults\": 1"));
        var notAnObject = await client.SendAsync("SageMaker.ListModelPackages", Encoding.UTF8.GetBytes("[1,2]"));
        var duplicate = await client.SendAsync("SageMaker.ListModelPackages", Encoding.UTF8.GetBytes("{\"SortBy\":{\"a\":1,\"a\":2}}"));

        Assert.Contains("'maxResults'", wrongType.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Equal("SerializationException", broken.ErrorCode);
        Assert.Equal("SerializationException", notAnObject.ErrorCode);
        Assert.Equal("SerializationException", duplicate.ErrorCode);
    }

    [Fact]
    public async Task Unknown_and_missing_targets_are_UnknownOperationException()
    {
        using var client = registry.Client();

        var unknown = await client.ExpectErrorAsync("CreateTrainingJob", new JsonObject(), "UnknownOperationException");
        var missing = await client.SendAsync("SageMaker.", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("UnknownOperationException", missing.ErrorCode);
    }

    [Fact]
    public async Task Responses_carry_the_JSON_content_type_and_a_request_id()
    {
        using var client = registry.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.Registry.BaseAddress, "/"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "SageMaker.ListModelPackageGroups");

        using var unsigned = await client.Http.SendAsync(request);
        var body = JsonNode.Parse(await unsigned.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", unsigned.Content.Headers.ContentType?.MediaType);
        Assert.True(Guid.TryParse(unsigned.Headers.GetValues("x-amzn-RequestId").Single(), out _));
        Assert.Equal((string?)body["__type"], unsigned.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task The_health_endpoint_answers_without_a_signature()
    {
        using var client = registry.Client();

        using var response = await client.Http.GetAsync("/_localregistry/health");
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)health["status"]);
        Assert.Contains(health["services"]!.AsArray(), s => (string?)s == "sagemaker");
    }

    [Fact]
    public async Task The_calls_endpoint_counts_each_signed_call_by_operation()
    {
        await using var fresh = await RunningRegistry.StartAsync();
        using var client = fresh.Client();
        await client.ExpectAsync("ListModelPackageGroups");
        await client.ExpectAsync("ListModelPackageGroups");
        await client.ExpectErrorAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "absent" }, "ValidationException");
        await client.SendAsync("SageMaker.ListModelPackages", "{}"u8.ToArray(), sign: false);

        using var response = await client.Http.GetAsync("/_localregistry/calls");
        var calls = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["calls"]!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (int?)calls["ListModelPackageGroups"]);
        Assert.Equal(1, (int?)calls["DescribeModelPackageGroup"]);
        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task The_calls_endpoint_counts_the_connections_that_carried_calls()
    {
        await using var fresh = await RunningRegistry.StartAsync();
        using (var first = fresh.Client())
        {
            // Two calls on one kept-alive connection, then that client's connections close.
            await first.ExpectAsync("ListModelPackageGroups");
            await first.ExpectAsync("ListModelPackageGroups");
        }

        using var second = fresh.Client();
        await second.ExpectAsync("ListModelPackageGroups");
        using var response = await second.Http.GetAsync("/_localregistry/calls");
        var connections = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["connections"];

        Assert.Equal(2, (int?)connections);
    }
}
