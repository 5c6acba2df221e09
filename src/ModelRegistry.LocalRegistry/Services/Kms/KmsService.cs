using System.Text.Json.Nodes;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>AWS KMS (JSON 1.1): keys, key policies and grants. No cryptography: the local registry
/// only needs keys to exist, be described and be shared.</summary>
public sealed class KmsService : IAwsService
{
    // Operations read, decide and write (names, grants, policies): one at a time keeps them atomic.
    private readonly object _gate = new();

    private const string DefaultPolicyName = "default";

    private readonly ServiceModel _model = ServiceModel.Load("kms");
    private readonly KmsDocuments _keys;
    private readonly KmsKeyAccess _access;
    private readonly KmsGrantOperations _grants;
    private readonly TimeProvider _time;

    public KmsService(KmsDocuments keys, KmsKeyAccess access, TimeProvider time)
    {
        _keys = keys;
        _access = access;
        _time = time;
        _grants = new KmsGrantOperations(keys, access, time);
    }

    public string SigningName => "kms";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var request = JsonProtocol.ReadRequest(call, _model);
        var input = request.Input;
        JsonObject output;
        lock (_gate)
        {
            output = request.Operation switch
            {
                "CreateKey" => CreateKey(call, input),
                "DescribeKey" => DescribeKey(call, input),
                "GetKeyPolicy" => GetKeyPolicy(call, input),
                "PutKeyPolicy" => PutKeyPolicy(call, input),
                "CreateGrant" => _grants.CreateGrant(call, input),
                "ListGrants" => _grants.ListGrants(call, input),
                "RetireGrant" => _grants.RetireGrant(call, input),
                "RevokeGrant" => _grants.RevokeGrant(call, input),
                _ => throw new AwsServiceError("UnknownOperationException", "The requested operation is not recognized by the service."),
            };
        }
        return JsonProtocol.WriteResultAsync(call, output, cancellationToken);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => JsonProtocol.WriteErrorAsync(call, error);

    private JsonObject CreateKey(AwsCall call, JsonObject input)
    {
        if ((string?)input["Origin"] is { } origin && origin != "AWS_KMS")
        {
            throw new AwsServiceError("UnsupportedOperationException", $"The local registry creates only AWS_KMS keys, not {origin}.");
        }

        var keyUsage = (string?)input["KeyUsage"] ?? "ENCRYPT_DECRYPT";
        var keySpec = (string?)input["KeySpec"] ?? (string?)input["CustomerMasterKeySpec"] ?? "SYMMETRIC_DEFAULT";
        if (!KeyUsages.Of(keySpec).Contains(keyUsage))
        {
            throw new AwsServiceError("ValidationException",
                $"KeyUsage {keyUsage} is not compatible with KeySpec {keySpec}; {keySpec} keys are for {string.Join(" or ", KeyUsages.Of(keySpec))}.");
        }

        var keyId = Guid.NewGuid().ToString();
        var key = new KmsKey(
            keyId, call.Caller.AccountId, call.Region, _time.GetUtcNow(),
            (string?)input["Description"] ?? "",
            keyUsage,
            keySpec,
            KmsKey.DefaultPolicy(call.Caller.AccountId),
            Grants: []);
        if ((string?)input["Policy"] is { } policy)
        {
            CheckPolicy(call.Caller, key, policy, (bool?)input["BypassPolicyLockoutSafetyCheck"] ?? false);
            key = key with { Policy = policy };
        }

        _keys.Save(key);
        return new JsonObject { ["KeyMetadata"] = key.ToKeyMetadata() };
    }

    private JsonObject DescribeKey(AwsCall call, JsonObject input)
    {
        var key = _access.Find(call, (string)input["KeyId"]!);
        _access.Authorize(call.Caller, key, "DescribeKey");
        return new JsonObject { ["KeyMetadata"] = key.ToKeyMetadata() };
    }

    private JsonObject GetKeyPolicy(AwsCall call, JsonObject input)
    {
        var key = FindOwnKey(call, (string)input["KeyId"]!, "GetKeyPolicy");
        var policyName = RequireDefaultPolicyName(input);
        return new JsonObject { ["Policy"] = key.Policy, ["PolicyName"] = policyName };
    }

    private JsonObject PutKeyPolicy(AwsCall call, JsonObject input)
    {
        var key = FindOwnKey(call, (string)input["KeyId"]!, "PutKeyPolicy");
        RequireDefaultPolicyName(input);
        var policy = (string)input["Policy"]!;
        CheckPolicy(call.Caller, key, policy, (bool?)input["BypassPolicyLockoutSafetyCheck"] ?? false);
        _keys.Save(key with { Policy = policy });
        return [];
    }

    /// <summary>Key policy operations do not work across accounts in KMS, whatever the policy says.</summary>
    private KmsKey FindOwnKey(AwsCall call, string keyId, string operation)
    {
        var key = _access.Find(call, keyId);
        if (key.AccountId != call.Caller.AccountId)
        {
            throw new AwsServiceError("AccessDeniedException",
                $"User: {call.Caller.Arn} is not authorized to perform: kms:{operation} on resource: {key.Arn} because cross-account access is not supported for this operation");
        }

        _access.Authorize(call.Caller, key, operation);
        return key;
    }

    private static string RequireDefaultPolicyName(JsonObject input)
    {
        var policyName = (string?)input["PolicyName"] ?? DefaultPolicyName;
        return policyName == DefaultPolicyName
            ? policyName
            : throw new AwsServiceError("NotFoundException", $"Policy {policyName} does not exist. The only valid policy name is \"default\".");
    }

    /// <summary>Like KMS: the policy must parse and name only valid principals, and unless the caller bypasses the lockout safety
    /// check it must still let the caller change the policy later.</summary>
    private static void CheckPolicy(Caller caller, KmsKey key, string policyText, bool bypassLockoutCheck)
    {
        PolicyDocument policy;
        try
        {
            policy = PolicyDocument.Parse(policyText);
        }
        catch (PolicyFormatException e)
        {
            throw new AwsServiceError("MalformedPolicyDocumentException", e.Message);
        }

        if (PrincipalIdentifierRules.FindInvalid(policy).Count > 0)
        {
            throw new AwsServiceError("MalformedPolicyDocumentException", "Policy contains a statement with one or more invalid principals.");
        }

        var evaluation = PolicyEvaluator.Evaluate(policy, new AccessRequest(caller.AccountId, caller.Arn, "kms:PutKeyPolicy", key.Arn));
        if (!bypassLockoutCheck && evaluation.Decision != PolicyDecision.Allow)
        {
            throw new AwsServiceError("MalformedPolicyDocumentException",
                "The new key policy will not allow you to update the key policy in the future.");
        }
    }
}
