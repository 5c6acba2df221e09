using System.Net;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class JsonServiceClientWireTests : IDisposable
{
    private const string AccessKey = "AKIALOCALREGISTRY001";
    private readonly CannedJsonServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_call_made_off_the_thread_pool_is_sent_and_answered_on_the_calling_thread()
    {
        _server.Reply(200, """{"ModelPackageGroupSummaryList":[]}""");
        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1));

        // As a cmdlet calls from its pipeline thread: the call is over when InvokeAsync returns, with no
        // socket or pool thread left to finish it (each would be a thread hand-off per call).
        Task<JsonObject>? call = null;
        var pipelineThread = new Thread(() => call = client.InvokeAsync("ListModelPackageGroups", new JsonObject(), CancellationToken.None));
        pipelineThread.Start();
        pipelineThread.Join();

        Assert.True(call!.IsCompletedSuccessfully, $"the call was {call.Status} when InvokeAsync returned");
        Assert.Empty((await call)["ModelPackageGroupSummaryList"]!.AsArray());
    }

    [Theory]
    [InlineData("sagemaker")]
    [InlineData("ecr")]
    public async Task Sends_a_signed_json_1_1_request_for_the_configured_region_and_service(string service)
    {
        var descriptor = service == "ecr" ? JsonServiceDescriptor.Ecr : JsonServiceDescriptor.SageMaker;
        _server.Reply(200, """{"ResourcePolicy":"{}","Extra":{"Nested":[1,2]}}""");
        using var client = new JsonServiceClient(descriptor, Connection(RegionEndpoint.EUWest2));

        var output = await client.InvokeAsync("SomeOperation", new JsonObject { ["Name"] = "fraud" }, CancellationToken.None);

        Assert.Equal("{}", (string?)output["ResourcePolicy"]);
        Assert.Equal(2, output["Extra"]!["Nested"]!.AsArray().Count);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal($"{descriptor.TargetPrefix}.SomeOperation", request.Headers["X-Amz-Target"]);
        Assert.StartsWith("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.Equal("""{"Name":"fraud"}""", request.Body);
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 ", authorization);
        Assert.Matches($@"Credential={AccessKey}/\d{{8}}/eu-west-2/{descriptor.SigningName}/aws4_request", authorization);
        Assert.Contains("x-amz-target", authorization);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
    }

    [Fact]
    public async Task Maps_an_error_body_to_an_AmazonServiceException_with_the_aws_code()
    {
        _server.Reply(400, """{"__type":"com.amazon.coral.validate#ValidationException","message":"Model Package Group does not exist."}""", "req-400");
        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, maxErrorRetry: 0));

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() =>
            client.InvokeAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "missing" }, CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("Model Package Group does not exist.", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal("req-400", error.RequestId);
    }

    [Fact]
    public async Task Retries_a_throttled_call_and_returns_the_later_answer()
    {
        _server.Reply(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        _server.Reply(200, """{"ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud"}""");
        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1));

        var output = await client.InvokeAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "fraud" }, CancellationToken.None);

        Assert.EndsWith("model-package-group/fraud", (string?)output["ModelPackageGroupArn"]);
        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("""{"ModelPackageGroupName":"fraud"}""", r.Body));
    }

    [Fact]
    public async Task Corrects_clock_skew_from_the_servers_date_and_signs_the_retry_with_the_corrected_time()
    {
        var serverTime = DateTime.UtcNow.AddHours(2);
        _server.Reply(400, """{"__type":"InvalidSignatureException","message":"Signature expired"}""", date: serverTime);
        _server.Reply(200, "{}", date: serverTime);
        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1));

        await client.InvokeAsync("ListModelPackageGroups", new JsonObject(), CancellationToken.None);

        var signedAt = _server.Requests.Select(r => DateTime.ParseExact(r.Headers["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();
        Assert.Equal(2, signedAt.Count);
        Assert.True(Math.Abs((signedAt[1] - serverTime).TotalMinutes) < 5, $"retry signed at {signedAt[1]:o}, server time {serverTime:o}");
        Assert.True((signedAt[1] - signedAt[0]).TotalMinutes > 100);
    }

    [Fact]
    public async Task Server_errors_are_classified_as_receiver_faults_after_the_retries_run_out()
    {
        for (var i = 0; i < 2; i++)
        {
            _server.Reply(500, """{"__type":"InternalFailure","message":"boom"}""", "req-500");
        }

        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, maxErrorRetry: 1));

        var error = await Assert.ThrowsAsync<AmazonServiceException>(() =>
            client.InvokeAsync("ListModelPackageGroups", new JsonObject(), CancellationToken.None));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(ErrorType.Receiver, error.ErrorType);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(2, false)]
    [InlineData(2, true)]
    public async Task A_call_whose_answers_are_cut_off_is_sent_again_only_as_the_counted_retries_of_MaxErrorRetry(int maxErrorRetry, bool offThePool)
    {
        // An answer cut off is a lost answer, as is a connection dropped before any answer: AWSSDK.Core's stale-connection
        // retries would send the create again at once, up to ten times, outside MaxErrorRetry. The first call leaves its
        // connection in the pool, so the create goes out on a reused connection, as in a session.
        _server.Reply(200, """{"ModelPackageGroupSummaryList":[]}""");
        for (var i = 0; i < 20; i++)
        {
            _server.ReplyCutOff(200, """{"ModelPackageGroupArn":"arn:aws:sagemaker:us-east-1:111111111111:model-package-group/fraud"}""");
        }

        using var client = new JsonServiceClient(JsonServiceDescriptor.SageMaker, Connection(RegionEndpoint.USEast1, maxErrorRetry));
        await client.InvokeAsync("ListModelPackageGroups", new JsonObject(), CancellationToken.None);

        Exception? failure = null;
        void Create()
        {
            try
            {
                client.InvokeAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "fraud" }, CancellationToken.None)
                    .GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        if (offThePool)
        {
            // A cmdlet's pipeline thread: the blocking send.
            var pipelineThread = new Thread(Create);
            pipelineThread.Start();
            pipelineThread.Join();
        }
        else
        {
            await Task.Run(Create);
        }

        Assert.IsAssignableFrom<IOException>(Assert.IsType<AmazonUnmarshallingException>(failure).InnerException);
        // Every attempt that reached the server is one the SDK counted (none resent by the HTTP stack or the SDK unseen).
        var attempts = _server.Requests.Skip(1).Select(r => r.Headers["amz-sdk-request"]).ToList();
        Assert.Equal(Enumerable.Range(1, maxErrorRetry + 1).Select(n => $"attempt={n}; max={maxErrorRetry + 1}"), attempts);
    }

    private AwsConnection Connection(RegionEndpoint region, int? maxErrorRetry = null) =>
        new(new BasicAWSCredentials(AccessKey, "LocalRegistrySecretKey1111111111111111111"), region, _server.Url, maxErrorRetry);
}
