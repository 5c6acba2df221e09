using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Util;
using ModelRegistry.Core.Endpoints;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>
/// The part of a session's first AWS call that needs no connection, credentials or settings: the
/// SDK's region table, the SageMaker model and its validator, the endpoint rules, the signer's hashing (OpenSSL's first use)
/// and the HTTP and JSON stacks. Started on a pool thread when the module is imported, so another
/// core does it while PowerShell goes on to the first command; the call then finds it done. It
/// changes no state a call depends on other than caches the call would fill the same way.
/// </summary>
public static class FirstCallWarmup
{
    public static void Run()
    {
        try
        {
            Prepare();
        }
        catch (Exception)
        {
            // Only speed is at stake: the first call does whatever failed here itself, and reports it.
        }
    }

    internal static void Prepare()
    {
        // First, as every cmdlet resolves a region before anything else: the SDK's region table compiles a regular
        // expression per partition when first touched (~7 ms). It reads no setting.
        RegionEndpoint.GetBySystemName("us-east-1");

        // The patterns of what scripts call first (a group, its tags, a registration) compile at first match.
        var validator = new RequestValidator(ServiceModel.Load(JsonServiceDescriptor.SageMaker.SigningName));
        const string GroupArn = "arn:aws:sagemaker:us-east-1:111111111111:model-package-group/warm-up";
        validator.Validate("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "warm-up" });
        validator.Validate("ListTags", new JsonObject { ["ResourceArn"] = GroupArn });
        validator.Validate("CreateModelPackage", new JsonObject
        {
            ["ModelPackageGroupName"] = "warm-up",
            ["InferenceSpecification"] = new JsonObject
            {
                ["Containers"] = new JsonArray(new JsonObject
                {
                    ["Image"] = "111111111111.dkr.ecr.us-east-1.amazonaws.com/warm-up:1",
                    ["ModelDataUrl"] = "s3://warm-up/model.tar.gz",
                }),
                ["SupportedContentTypes"] = new JsonArray("text/csv"),
                ["SupportedResponseMIMETypes"] = new JsonArray("text/csv"),
            },
        });
        validator.Validate("DescribeModelPackage", new JsonObject { ["ModelPackageName"] = GroupArn.Replace("-group", "") + "/1" });
        EndpointRuleSet.Load(JsonServiceDescriptor.SageMaker.RuleSetName)
            .Resolve(EndpointResolution.RuleParameters("us-east-1", "http://127.0.0.1", useFips: false, useDualStack: false));

        var body = Encoding.UTF8.GetBytes(new JsonObject { ["warm-up"] = new JsonArray(1) }.ToJsonString());
        var hash = CryptoUtilFactory.CryptoInstance.ComputeSHA256Hash(body);
        // Not AWSSDKUtils: its type initializer fixes the User-Agent of credential requests (container, IMDS) with
        // the AWS_EXECUTION_ENV of that moment, and a script may set it after Import-Module.
        CryptoUtilFactory.CryptoInstance.HMACSignBinary(body, hash, SigningAlgorithm.HmacSHA256);
        JsonNode.Parse(body);

        using var http = new HttpClient(new HttpClientHandler());
    }
}
