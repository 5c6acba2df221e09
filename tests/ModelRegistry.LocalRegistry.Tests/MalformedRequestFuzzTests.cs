using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.LocalRegistry.Tests.Support;
using Xunit;

namespace ModelRegistry.LocalRegistry.Tests;

/// <summary>Sends 1,000 malformed or out-of-range SageMaker requests (mutations of valid inputs, wrong
/// types, huge strings, bad JSON, bad targets) and checks that every one gets a well-formed AWS error
/// or a success, never a 5xx: a 500 from the registry is a bug.</summary>
public sealed class MalformedRequestFuzzTests(LocalRegistryFixture registry) : IClassFixture<LocalRegistryFixture>
{
    private const int RequestCount = 1_000;
    private const string Group = "fuzz-group";

    private static readonly string[] Operations =
    [
        "CreateModelPackageGroup", "DescribeModelPackageGroup", "ListModelPackageGroups", "DeleteModelPackageGroup",
        "CreateModelPackage", "DescribeModelPackage", "ListModelPackages", "UpdateModelPackage", "DeleteModelPackage",
        "BatchDescribeModelPackage", "PutModelPackageGroupPolicy", "GetModelPackageGroupPolicy", "DeleteModelPackageGroupPolicy",
        "AddTags", "ListTags", "DeleteTags",
    ];

    private static JsonObject ValidInput(string operation)
    {
        const string groupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/" + Group;
        const string versionArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package/" + Group + "/1";
        return operation switch
        {
            "CreateModelPackageGroup" => new JsonObject { ["ModelPackageGroupName"] = "fuzz-other", ["ModelPackageGroupDescription"] = "d", ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) },
            "DescribeModelPackageGroup" or "DeleteModelPackageGroup" or "GetModelPackageGroupPolicy" or "DeleteModelPackageGroupPolicy" => new JsonObject { ["ModelPackageGroupName"] = Group },
            "ListModelPackageGroups" => new JsonObject { ["MaxResults"] = 5, ["NameContains"] = "fuzz", ["SortBy"] = "Name", ["SortOrder"] = "Descending", ["CreationTimeAfter"] = 1_700_000_000 },
            "CreateModelPackage" => ModelPackageInput.For(Group, new JsonObject
            {
                ["ModelApprovalStatus"] = "Approved",
                ["CustomerMetadataProperties"] = new JsonObject { ["team"] = "growth" },
                ["ClientToken"] = "token-1",
            }),
            "DescribeModelPackage" or "DeleteModelPackage" => new JsonObject { ["ModelPackageName"] = versionArn },
            "ListModelPackages" => new JsonObject { ["ModelPackageGroupName"] = Group, ["MaxResults"] = 3, ["ModelApprovalStatus"] = "Approved", ["SortBy"] = "CreationTime" },
            "UpdateModelPackage" => new JsonObject { ["ModelPackageArn"] = versionArn, ["ModelApprovalStatus"] = "Rejected", ["CustomerMetadataPropertiesToRemove"] = new JsonArray("team") },
            "BatchDescribeModelPackage" => new JsonObject { ["ModelPackageArnList"] = new JsonArray(versionArn) },
            "PutModelPackageGroupPolicy" => new JsonObject { ["ModelPackageGroupName"] = Group, ["ResourcePolicy"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sagemaker:DescribeModelPackage","Resource":"*"}]}""" },
            "AddTags" => new JsonObject { ["ResourceArn"] = groupArn, ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) },
            "ListTags" => new JsonObject { ["ResourceArn"] = groupArn, ["MaxResults"] = 50 },
            "DeleteTags" => new JsonObject { ["ResourceArn"] = groupArn, ["TagKeys"] = new JsonArray("k") },
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    [Fact]
    public async Task A_thousand_malformed_requests_never_get_a_server_error()
    {
        using var client = registry.Client();
        await client.ExpectAsync("CreateModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = Group });
        await client.ExpectAsync("CreateModelPackage", ValidInput("CreateModelPackage"));

        var random = new Random(20261125);
        var failures = new List<string>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < RequestCount; i++)
        {
            var (target, body) = MalformedRequest(random);
            var reply = await client.SendAsync(target, body);
            statuses[reply.Status] = statuses.GetValueOrDefault(reply.Status) + 1;
            if ((int)reply.Status >= 500 || (reply.Status != HttpStatusCode.OK && !IsAwsError(reply)))
            {
                failures.Add($"{target} {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))} -> {(int)reply.Status} {reply.Body[..Math.Min(reply.Body.Length, 300)]}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests failed:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > RequestCount / 2, string.Join(", ", statuses));
        await client.ExpectAsync("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = Group });
    }

    /// <summary>Byte sequences that are not UTF-8 (a stray continuation byte, an overlong encoding, a cut-off
    /// sequence, an encoded surrogate) and JSON escapes of lone surrogates, which decode to no valid text.</summary>
    private static readonly string[] BadTextSamples =
    [
        "raw:FF", "raw:C328", "raw:C0AF", "raw:E282", "raw:EDA080", "raw:F4908080",
        "escape:\\ud800", "escape:\\udc00x", "escape:\\ud800\\ud800", "escape:a\\udfff",
    ];

    public static TheoryData<string> BadText => new(BadTextSamples);

    /// <summary>The bytes of <paramref name="text"/> around the bad text, in a JSON string or a member name.</summary>
    private static byte[] Splice(string template, string badText)
    {
        var (kind, payload) = (badText[..badText.IndexOf(':')], badText[(badText.IndexOf(':') + 1)..]);
        var bad = kind == "raw" ? Convert.FromHexString(payload) : Encoding.UTF8.GetBytes(payload);
        var at = template.IndexOf("BAD", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(template[..at]), .. bad, .. Encoding.UTF8.GetBytes(template[(at + 3)..])];
    }

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Invalid_utf8_and_lone_surrogates_are_a_400_in_every_protocol(string badText)
    {
        var bucket = "fuzz-" + Guid.NewGuid().ToString("N")[..12];
        using (var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry))
        {
            await s3.PutBucketAsync(bucket);
        }

        var failures = new List<string>();
        (string Service, string Target, string Template)[] jsonCalls =
        [
            ("sagemaker", "SageMaker.CreateModelPackageGroup", "{\"ModelPackageGroupName\":\"g\",\"ModelPackageGroupDescription\":\"BAD\"}"),
            ("sagemaker", "SageMaker.ListModelPackageGroups", "{\"NameContains\":\"BAD\"}"),
            ("sagemaker", "SageMaker.DescribeModelPackageGroup", "{\"BAD\":\"g\"}"),
            ("ecr", "AmazonEC2ContainerRegistry_V20150921.CreateRepository", "{\"repositoryName\":\"BAD\"}"),
            ("ecr", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{\"BAD\":1}"),
            ("kms", "TrentService.CreateKey", "{\"Description\":\"BAD\"}"),
            ("kms", "TrentService.DescribeKey", "{\"KeyId\":\"BAD\"}"),
        ];
        foreach (var (service, target, template) in jsonCalls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.Registry.BaseAddress, "/"));
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
            var reply = await SignedHttp.SendAsync(request, Splice(template, badText), TestAccount.Registry, service, "application/x-amz-json-1.1");
            if (reply.Status != HttpStatusCode.BadRequest || !IsAwsError(reply))
            {
                failures.Add($"{target} {template}: {(int)reply.Status} {reply.Body}");
            }
        }

        foreach (var policy in new[]
        {
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BAD\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/BAD\"}]}",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(registry.Registry.BaseAddress, $"/{bucket}?policy"));
            var reply = await SignedHttp.SendAsync(request, Splice(policy, badText), TestAccount.Registry, "s3", "application/json");
            if (reply.Status != HttpStatusCode.BadRequest || !reply.Body.Contains("<Code>MalformedPolicy</Code>", StringComparison.Ordinal))
            {
                failures.Add($"PutBucketPolicy {policy}: {(int)reply.Status} {reply.Body}");
            }
        }

        var upload = "fuzz-upload";
        using (var s3 = S3ServiceTests.Client(registry.Registry, TestAccount.Registry))
        {
            upload = (await s3.InitiateMultipartUploadAsync(bucket, "k")).UploadId;
        }

        foreach (var (method, path, xml) in new[]
        {
            (HttpMethod.Put, $"/{bucket}-xml", "<CreateBucketConfiguration><LocationConstraint>BAD</LocationConstraint></CreateBucketConfiguration>"),
            (HttpMethod.Post, $"/{bucket}/k?uploadId={upload}", "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>BAD</ETag></Part></CompleteMultipartUpload>"),
        })
        {
            using var request = new HttpRequestMessage(method, new Uri(registry.Registry.BaseAddress, path));
            var reply = await SignedHttp.SendAsync(request, Splice(xml, badText), TestAccount.Registry, "s3", "application/xml");
            if (reply.Status != HttpStatusCode.BadRequest || !reply.Body.Contains("<Error><Code>", StringComparison.Ordinal))
            {
                failures.Add($"{method} {path} {xml}: {(int)reply.Status} {reply.Body}");
            }
        }

        // The query protocol reads form values, where a bad byte may come raw or percent-encoded.
        var percentEncoded = badText.StartsWith("raw:", StringComparison.Ordinal)
            ? string.Concat(Convert.FromHexString(badText[4..]).Select(b => $"%{b:X2}"))
            : Uri.EscapeDataString(badText[(badText.IndexOf(':') + 1)..]);
        foreach (var form in new[]
        {
            Splice("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fr&RoleSessionName=BAD", badText),
            Encoding.UTF8.GetBytes("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fr&RoleSessionName=" + percentEncoded),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(registry.Registry.BaseAddress, "/"));
            var reply = await SignedHttp.SendAsync(request, form, TestAccount.Registry, "sts", "application/x-www-form-urlencoded; charset=utf-8");
            if (reply.Status != HttpStatusCode.BadRequest || !reply.Body.Contains("<ErrorResponse", StringComparison.Ordinal))
            {
                failures.Add($"AssumeRole {Encoding.Latin1.GetString(form)}: {(int)reply.Status} {reply.Body}");
            }
        }

        Assert.True(failures.Count == 0, $"{badText}: {failures.Count} requests failed:\n{string.Join("\n", failures)}");
    }

    private static bool IsAwsError(AwsReply reply)
    {
        try
        {
            return reply.ErrorCode is { Length: > 0 } code && code == reply.ErrorTypeHeader;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static (string? Target, byte[] Body) MalformedRequest(Random random)
    {
        var operation = Operations[random.Next(Operations.Length)];
        var target = "SageMaker." + operation;
        switch (random.Next(10))
        {
            case 0:
                return (BadTarget(random, operation), Encoding.UTF8.GetBytes(ValidInput(operation).ToJsonString()));
            case 1:
                return (target, BrokenJson(random, ValidInput(operation).ToJsonString()));
            default:
                var input = ValidInput(operation);
                var mutations = 1 + random.Next(3);
                for (var m = 0; m < mutations; m++)
                {
                    Mutate(random, input);
                }

                return (target, Encoding.UTF8.GetBytes(input.ToJsonString()));
        }
    }

    private static string? BadTarget(Random random, string operation) => random.Next(6) switch
    {
        0 => null,
        1 => "",
        2 => "SageMaker." + operation.ToLowerInvariant(),
        3 => "AmazonEC2ContainerRegistry_V20150921." + operation,
        4 => "SageMaker." + new string('X', 5_000),
        _ => "SageMaker.CreateTrainingJob",
    };

    private static byte[] BrokenJson(Random random, string json) => random.Next(8) switch
    {
        6 => Splice(json.Insert(json.IndexOf(":\"", StringComparison.Ordinal) + 2, "BAD"), BadTextSamples[random.Next(BadTextSamples.Length)]),
        5 => Encoding.UTF8.GetBytes("{\"Tags\":[{\"Key\":\"k\",\"Key\":\"k\",\"Value\":\"v\"}]," + json[1..]),
        0 => Encoding.UTF8.GetBytes(json[..random.Next(json.Length)]),
        1 => Encoding.UTF8.GetBytes(json.Replace('"', '\'')),
        2 => Enumerable.Range(0, random.Next(1, 400)).Select(_ => (byte)random.Next(256)).ToArray(),
        3 => Encoding.UTF8.GetBytes(new string('[', 5_000) + new string(']', 5_000)),
        4 => Encoding.UTF8.GetBytes("null"),
        _ => Encoding.UTF8.GetBytes(json + "}"),
    };

    /// <summary>Changes one member somewhere in the input: removes it, gives it another JSON type, or an
    /// out-of-range, huge or odd value.</summary>
    private static void Mutate(Random random, JsonObject input)
    {
        var containers = new List<JsonNode> { input };
        containers.AddRange(input.Select(p => p.Value).Where(v => v is JsonObject or JsonArray)!);
        var container = containers[random.Next(containers.Count)];
        var replacement = OddValue(random);
        switch (container)
        {
            case JsonObject obj when obj.Count > 0:
                var name = obj.ElementAt(random.Next(obj.Count)).Key;
                if (random.Next(5) == 0)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = replacement;
                }

                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = replacement;
                break;
            case JsonObject obj:
                obj["Unexpected"] = replacement;
                break;
            case JsonArray array:
                array.Add(replacement);
                break;
        }
    }

    private static JsonNode? OddValue(Random random) => random.Next(16) switch
    {
        0 => null,
        1 => new string('a', random.Next(64, 200_000)),
        2 => "",
        3 => -1,
        4 => long.MaxValue,
        5 => 1.5e300,
        6 => true,
        7 => new JsonArray(1, "two", null, new JsonObject()),
        8 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray(new JsonArray()) } },
        9 => "arn:aws:sagemaker:us-east-1:111111111111:model-package/" + Group + "/" + random.Next(int.MaxValue),
        10 => "arn:aws:sagemaker:eu-west-1:999999999999:model-package-group/" + Group,
        11 => "\u0000\uD800 \u202E😀 ' \" \\ %00 <xml/>",
        12 => 0,
        13 => "Approved",
        14 => new JsonArray(Enumerable.Range(0, 120).Select(i => (JsonNode?)("arn:aws:sagemaker:us-east-1:111111111111:model-package/x/" + i)).ToArray()),
        _ => random.NextDouble(),
    };
}
