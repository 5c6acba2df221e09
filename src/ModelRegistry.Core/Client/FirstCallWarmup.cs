using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Util;
using ModelRegistry.Core.Endpoints;
using ModelRegistry.Core.ServiceModels;

namespace ModelRegistry.Core.Client;

/// <summary>
/// The part of a session's first AWS call that needs no connection, credentials or settings: the
/// SageMaker model and its validator, the endpoint rules, the signer's hashing (OpenSSL's first use)
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
        var validator = new RequestValidator(ServiceModel.Load(JsonServiceDescriptor.SageMaker.SigningName));
        validator.Validate("DescribeModelPackageGroup", new JsonObject { ["ModelPackageGroupName"] = "warm-up" });
        EndpointRuleSet.Load(JsonServiceDescriptor.SageMaker.RuleSetName)
            .Resolve(EndpointResolution.RuleParameters("us-east-1", "http://127.0.0.1", useFips: false, useDualStack: false));

        var body = Encoding.UTF8.GetBytes(new JsonObject { ["warm-up"] = new JsonArray(1) }.ToJsonString());
        var hash = CryptoUtilFactory.CryptoInstance.ComputeSHA256Hash(body);
        CryptoUtilFactory.CryptoInstance.HMACSignBinary(body, hash, SigningAlgorithm.HmacSHA256);
        JsonNode.Parse(body);

        using var http = new HttpClient(new HttpClientHandler());
    }
}
