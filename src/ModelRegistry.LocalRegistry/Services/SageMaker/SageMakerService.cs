using System.Text.Json.Nodes;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;
using ModelRegistry.LocalRegistry.Storage;

namespace ModelRegistry.LocalRegistry.Services.SageMaker;

/// <summary>The SageMaker Model Registry API over JSON 1.1 (<c>X-Amz-Target: SageMaker.Operation</c>):
/// model package groups and versions, group resource policies and tags. Every input is validated
/// against the botocore model before an operation runs; state lives in the document store.</summary>
public sealed class SageMakerService : IAwsService
{
    // Operations read, decide and write (version numbers, client tokens): one at a time keeps them atomic.
    private readonly object _gate = new();
    private readonly ServiceModel _model = ServiceModel.Load("sagemaker");
    private readonly SageMakerStore _store;
    private readonly ResourceAuthorizer _authorizer;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, Func<SageMakerRequest, JsonObject>> _operations;

    public SageMakerService(IDocumentStore documents, ResourceAuthorizer authorizer, AccountDirectory accounts, TimeProvider time)
    {
        _store = new SageMakerStore(documents);
        _authorizer = authorizer;
        _time = time;
        var groups = new ModelPackageGroupOperations(accounts);
        var packages = new ModelPackageOperations(_model);
        _operations = new Dictionary<string, Func<SageMakerRequest, JsonObject>>(StringComparer.Ordinal)
        {
            ["CreateModelPackageGroup"] = groups.Create,
            ["DescribeModelPackageGroup"] = groups.Describe,
            ["ListModelPackageGroups"] = groups.List,
            ["DeleteModelPackageGroup"] = groups.Delete,
            ["CreateModelPackage"] = packages.Create,
            ["DescribeModelPackage"] = packages.Describe,
            ["ListModelPackages"] = packages.List,
            ["UpdateModelPackage"] = packages.Update,
            ["DeleteModelPackage"] = packages.Delete,
            ["BatchDescribeModelPackage"] = packages.BatchDescribe,
            ["PutModelPackageGroupPolicy"] = GroupPolicyOperations.Put,
            ["GetModelPackageGroupPolicy"] = GroupPolicyOperations.Get,
            ["DeleteModelPackageGroupPolicy"] = GroupPolicyOperations.Delete,
            ["AddTags"] = TagOperations.Add,
            ["ListTags"] = TagOperations.List,
            ["DeleteTags"] = TagOperations.Delete,
        };
    }

    public string SigningName => "sagemaker";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var request = JsonProtocol.ReadRequest(call, _model);
        if (!_operations.TryGetValue(request.Operation, out var operation))
        {
            throw new AwsServiceError("UnknownOperationException", "The requested operation is not recognized by the service.");
        }

        JsonObject output;
        lock (_gate)
        {
            output = operation(new SageMakerRequest(call, request.Input, _store, _authorizer, _time));
        }

        return JsonProtocol.WriteResultAsync(call, output, cancellationToken);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => JsonProtocol.WriteErrorAsync(call, error);
}
