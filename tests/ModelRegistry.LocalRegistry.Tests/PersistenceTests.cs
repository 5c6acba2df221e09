using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelRegistry.LocalRegistry.Storage;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("mr-persistence-");

    public void Dispose() => _data.Dispose();

    private static async Task<List<int>> ListVersionsAsync(SageMakerTestClient client, string group)
    {
        var versions = new List<int>();
        string? token = null;
        do
        {
            var input = new JsonObject { ["ModelPackageGroupName"] = group, ["MaxResults"] = 100 };
            if (token is not null)
            {
                input["NextToken"] = token;
            }

            var page = await client.ExpectAsync("ListModelPackages", input);
            versions.AddRange(page["ModelPackageSummaryList"]!.AsArray().Select(s => (int)s!["ModelPackageVersion"]!));
            token = (string?)page["NextToken"];
        }
        while (token is not null);

        return versions;
    }

    [Fact]
    public async Task A_restarted_registry_keeps_groups_versions_policies_tags_and_numbering()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}""";
        await using (var first = await RunningRegistry.StartAsync(_data.Path))
        {
            using var client = first.Client();
            await client.ExpectAsync("CreateModelPackageGroup", new JsonObject
            {
                ["ModelPackageGroupName"] = "churn",
                ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "team", ["Value"] = "growth" }),
            });
            for (var i = 0; i < 3; i++)
            {
                await client.ExpectAsync("CreateModelPackage", ModelPackageInput.For("churn"));
            }

            await client.ExpectAsync("DeleteModelPackage", new JsonObject { ["ModelPackageName"] = "churn/3" });
            await client.ExpectAsync("UpdateModelPackage", new JsonObject
            {
                ["ModelPackageArn"] = "arn:aws:sagemaker:us-east-1:111111111111:model-package/churn/2",
                ["ModelApprovalStatus"] = "Approved",
            });
            await client.ExpectAsync("PutModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = "churn", ["ResourcePolicy"] = policy });
        }

        await using var second = await RunningRegistry.StartAsync(_data.Path);
        using var restarted = second.Client();

        Assert.Equal([1, 2], await ListVersionsAsync(restarted, "churn"));
        var approved = await restarted.ExpectAsync("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = "churn/2" });
        Assert.Equal("Approved", (string?)approved["ModelApprovalStatus"]);
        var next = await restarted.ExpectAsync("CreateModelPackage", ModelPackageInput.For("churn"));
        Assert.EndsWith("model-package/churn/4", (string)next["ModelPackageArn"]!);
        var stored = await restarted.ExpectAsync("GetModelPackageGroupPolicy", new JsonObject { ["ModelPackageGroupName"] = "churn" });
        Assert.Equal(policy, (string?)stored["ResourcePolicy"]);
        var tags = await restarted.ExpectAsync("ListTags", new JsonObject { ["ResourceArn"] = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/churn" });
        Assert.Equal("""[{"Key":"team","Value":"growth"}]""", tags["Tags"]!.ToJsonString());
    }

    [Fact]
    public void A_commit_that_fails_half_way_leaves_the_previous_state_on_disk()
    {
        using (var store = new SqliteDocumentStore(_data.Path))
        {
            store.Commit([new DocumentWrite("c", "s", "a", "{\"v\":1}"), new DocumentWrite("c", "s", "b", "{\"v\":1}")]);

            var failing = new FailingAfter(1,
                new DocumentWrite("c", "s", "a", "{\"v\":2}"),
                new DocumentWrite("c", "s", "b", null),
                new DocumentWrite("c", "s", "c", "{\"v\":2}"));
            Assert.Throws<IOException>(() => store.Commit(failing));
        }

        using var reopened = new SqliteDocumentStore(_data.Path);
        Assert.Equal(["a", "b"], reopened.List("c", "s").Select(d => d.Key));
        Assert.Equal("{\"v\":1}", reopened.Get("c", "s", "a"));
    }

    [Fact]
    public void The_memory_store_applies_a_failing_commit_not_at_all()
    {
        var store = new InMemoryDocumentStore();
        store.Commit([new DocumentWrite("c", "s", "a", "{\"v\":1}")]);

        Assert.Throws<IOException>(() => store.Commit(new FailingAfter(1,
            new DocumentWrite("c", "s", "a", "{\"v\":2}"),
            new DocumentWrite("c", "s", "b", "{\"v\":2}"))));

        Assert.Equal("{\"v\":1}", Assert.Single(store.List("c", "s")).Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_stores_keep_documents_per_collection_and_scope_in_key_order(bool sqlite)
    {
        using var disposable = sqlite ? new SqliteDocumentStore(_data.Path) : null;
        IDocumentStore store = disposable ?? (IDocumentStore)new InMemoryDocumentStore();

        store.Commit([
            new DocumentWrite("groups", "111111111111/us-east-1", "b", "{}"),
            new DocumentWrite("groups", "111111111111/us-east-1", "a", "{}"),
            new DocumentWrite("groups", "111111111111/us-east-1", "Z", "{}"),
            new DocumentWrite("groups", "222222222222/us-east-1", "a", "{\"other\":true}"),
            new DocumentWrite("tags", "111111111111/us-east-1", "a", "[]"),
        ]);
        store.Commit([new DocumentWrite("groups", "111111111111/us-east-1", "b", null)]);

        Assert.Equal(["Z", "a"], store.List("groups", "111111111111/us-east-1").Select(d => d.Key));
        Assert.Equal("{\"other\":true}", store.Get("groups", "222222222222/us-east-1", "a"));
        Assert.Null(store.Get("groups", "111111111111/us-east-1", "b"));
        Assert.Empty(store.List("groups", "333333333333/us-east-1"));
    }

    [Fact]
    public async Task A_registry_killed_during_writes_restarts_with_every_acknowledged_version_and_no_gaps()
    {
        var acknowledged = new ConcurrentBag<int>();
        using (var registry = await RegistryProcess.StartAsync("--port", "0", "--data-dir", _data.Path))
        {
            using (var setup = registry.Client())
            {
                await setup.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "churn" });
            }

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
            {
                using var client = registry.Client();
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var reply = await client.CallAsync("CreateModelPackage", ModelPackageInput.For("churn"));
                        if (reply.Status == HttpStatusCode.OK)
                        {
                            acknowledged.Add(int.Parse(((string)reply.Json["ModelPackageArn"]!).Split('/')[^1]));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            // Bounded, so writers that all fail (or a stuck server) end the test instead of hanging the run.
            var deadline = Task.Delay(TimeSpan.FromSeconds(60));
            while (acknowledged.Count < 40 && !deadline.IsCompleted && !writers.All(writer => writer.IsCompleted))
            {
                await Task.Delay(10);
            }

            Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} versions were acknowledged before the writers stopped or 60 s passed");

            registry.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, SqliteDocumentStore.FileName)}"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar() as string);
        }

        await using var restarted = await RunningRegistry.StartAsync(_data.Path);
        using var reader = restarted.Client();
        var stored = await ListVersionsAsync(reader, "churn");
        var next = await reader.ExpectAsync("CreateModelPackage", ModelPackageInput.For("churn"));

        Assert.Subset(stored.ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(Enumerable.Range(1, stored.Count), stored);
        Assert.EndsWith($"model-package/churn/{stored.Count + 1}", (string)next["ModelPackageArn"]!);
    }

    [Fact]
    public async Task The_registry_process_prints_one_line_and_exits_when_its_parent_exits()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        using var registry = await RegistryProcess.StartAsync("--port", "0", "--parent-pid", parent.Id.ToString());
        using (var client = registry.Client())
        {
            await client.ExpectAsync("ListModelPackageGroups");
        }

        parent.Kill();
        parent.WaitForExit();

        Assert.True(registry.Process.WaitForExit(TimeSpan.FromSeconds(20)), "The registry outlived its parent.");
        Assert.Equal(0, registry.Process.ExitCode);
        Assert.Equal(string.Empty, await registry.Process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task A_bad_argument_is_reported_on_stderr_with_exit_code_2()
    {
        using var process = RegistryProcess.Start("--port", "seventy");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("'--port' must be a whole number", stderr);
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task A_taken_port_is_reported_on_stderr_in_one_line_with_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        using var process = RegistryProcess.Start("--port", port.ToString());
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{port}", line);
        Assert.Contains("address already in use", line);
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task The_registry_process_listens_on_loopback_only()
    {
        using var registry = await RegistryProcess.StartAsync("--port", "0");
        var port = registry.BaseAddress.Port;
        // Every address of this machine that is not loopback: the registry must not answer on any of them.
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(card => card.OperationalStatus == OperationalStatus.Up)
            .SelectMany(card => card.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .Where(address => !IPAddress.IsLoopback(address) && !address.IsIPv6LinkLocal)
            .ToList();
        Assert.True(external.Count > 0, "This test needs a network address other than loopback to try.");

        using (var loopback = new TcpClient())
        {
            await loopback.ConnectAsync(IPAddress.Loopback, port);
        }

        foreach (var address in external)
        {
            using var outside = new TcpClient(address.AddressFamily);
            var refused = await Assert.ThrowsAsync<SocketException>(() => outside.ConnectAsync(address, port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }

    /// <summary>A batch whose enumeration fails after <c>count</c> writes, as a crash inside a commit would.</summary>
    private sealed class FailingAfter(int count, params DocumentWrite[] writes) : IReadOnlyList<DocumentWrite>
    {
        public int Count => writes.Length;

        public DocumentWrite this[int index] => index < count ? writes[index] : throw new IOException("Simulated crash inside the commit.");

        public IEnumerator<DocumentWrite> GetEnumerator()
        {
            for (var i = 0; i < writes.Length; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
