using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.Core.Policies;
using ModelRegistry.Core.ServiceModels;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;
using ModelRegistry.LocalRegistry.Protocols;

namespace ModelRegistry.LocalRegistry.Services.Ecr;

/// <summary>Amazon ECR (JSON 1.1): repositories and repository policies. <c>registryId</c> selects the
/// account; reaching into another account's registry needs that repository's policy.</summary>
public sealed class EcrService : IAwsService
{
    // Operations read, decide and write (names, grants, policies): one at a time keeps them atomic.
    private readonly object _gate = new();

    private const int DefaultPageSize = 100;

    private readonly ServiceModel _model = ServiceModel.Load("ecr");
    private readonly EcrDocuments _repositories;
    private readonly ResourceAuthorizer _authorizer;
    private readonly TimeProvider _time;

    public EcrService(EcrDocuments repositories, ResourceAuthorizer authorizer, TimeProvider time)
    {
        _repositories = repositories;
        _authorizer = authorizer;
        _time = time;
    }

    public string SigningName => "ecr";

    public Task HandleAsync(AwsCall call, CancellationToken cancellationToken)
    {
        var request = JsonProtocol.ReadRequest(call, _model);
        var input = request.Input;
        JsonObject output;
        lock (_gate)
        {
            output = request.Operation switch
            {
                "CreateRepository" => CreateRepository(call, input),
                "DescribeRepositories" => DescribeRepositories(call, input),
                "SetRepositoryPolicy" => SetRepositoryPolicy(call, input),
                "GetRepositoryPolicy" => GetRepositoryPolicy(call, input),
                "DeleteRepositoryPolicy" => DeleteRepositoryPolicy(call, input),
                _ => throw new AwsServiceError("UnknownOperationException", "The requested operation is not recognized by the service."),
            };
        }
        return JsonProtocol.WriteResultAsync(call, output, cancellationToken);
    }

    public Task WriteErrorAsync(AwsCall call, AwsServiceError error) => JsonProtocol.WriteErrorAsync(call, error);

    private JsonObject CreateRepository(AwsCall call, JsonObject input)
    {
        var registryId = RegistryIdOf(call, input);
        var name = (string)input["repositoryName"]!;
        if (registryId != call.Caller.AccountId)
        {
            _authorizer.Authorize(call.Caller, registryId, "ecr:CreateRepository", RepositoryArn(call, registryId, name), policyJson: null);
        }

        if (_repositories.Find(registryId, call.Region, name) is not null)
        {
            throw new AwsServiceError("RepositoryAlreadyExistsException",
                $"The repository with name '{name}' already exists in the registry with id '{registryId}'");
        }

        var encryption = input["encryptionConfiguration"] as JsonObject;
        var encryptionType = (string?)encryption?["encryptionType"] ?? "AES256";
        var repository = new EcrRepository(
            name, registryId, call.Region, _time.GetUtcNow(),
            (string?)input["imageTagMutability"] ?? "MUTABLE",
            (bool?)input["imageScanningConfiguration"]?["scanOnPush"] ?? false,
            encryptionType,
            encryptionType == "AES256" ? null : (string?)encryption?["kmsKey"] ?? $"arn:aws:kms:{call.Region}:{registryId}:alias/aws/ecr",
            PolicyText: null);
        _repositories.Save(repository);
        return new JsonObject { ["repository"] = repository.ToShape() };
    }

    private JsonObject DescribeRepositories(AwsCall call, JsonObject input)
    {
        var registryId = RegistryIdOf(call, input);
        const string action = "ecr:DescribeRepositories";
        if (input["repositoryNames"] is JsonArray names)
        {
            if (input["maxResults"] is not null || input["nextToken"] is not null)
            {
                throw new AwsServiceError("InvalidParameterException",
                    "Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'repositoryNames cannot be used with maxResults or nextToken'");
            }

            var found = names.Select(n => (string)n!).Distinct().Select(name =>
            {
                var repository = RequireRepository(call, registryId, name);
                _authorizer.Authorize(call.Caller, registryId, action, repository.Arn, repository.PolicyText);
                return (JsonNode)repository.ToShape();
            });
            return new JsonObject { ["repositories"] = new JsonArray(found.ToArray()) };
        }

        // Listing another registry shows the repositories whose policies let the caller see them.
        var visible = _repositories.List(registryId, call.Region)
            .Where(r => _authorizer.IsAllowed(call.Caller, registryId, action, r.Arn, r.PolicyText))
            .ToList();
        var start = StartAfter(visible, (string?)input["nextToken"]);
        var pageSize = (int?)input["maxResults"]?.GetValue<long>() ?? DefaultPageSize;
        var page = visible.Skip(start).Take(pageSize).ToList();
        var output = new JsonObject { ["repositories"] = new JsonArray(page.Select(r => (JsonNode)r.ToShape()).ToArray()) };
        if (start + page.Count < visible.Count)
        {
            output["nextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].RepositoryName));
        }

        return output;
    }

    private JsonObject SetRepositoryPolicy(AwsCall call, JsonObject input)
    {
        var registryId = RegistryIdOf(call, input);
        var repository = RequireRepository(call, registryId, (string)input["repositoryName"]!);
        _authorizer.Authorize(call.Caller, registryId, "ecr:SetRepositoryPolicy", repository.Arn, repository.PolicyText);
        var policyText = (string)input["policyText"]!;
        try
        {
            PrincipalIdentifierRules.EnsureValid(PolicyDocument.Parse(policyText));
        }
        catch (PolicyFormatException)
        {
            throw new AwsServiceError("InvalidParameterException",
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        }

        // Kept as ECR renders it, so Set, Get and Delete all answer with the same text.
        var renderedPolicy = EcrPolicyText.Pretty(policyText);
        _repositories.Save(repository with { PolicyText = renderedPolicy });
        return PolicyOutput(repository, renderedPolicy);
    }

    private JsonObject GetRepositoryPolicy(AwsCall call, JsonObject input)
    {
        var registryId = RegistryIdOf(call, input);
        var repository = RequireRepository(call, registryId, (string)input["repositoryName"]!);
        _authorizer.Authorize(call.Caller, registryId, "ecr:GetRepositoryPolicy", repository.Arn, repository.PolicyText);
        return PolicyOutput(repository, repository.PolicyText ?? throw PolicyNotFound(repository));
    }

    private JsonObject DeleteRepositoryPolicy(AwsCall call, JsonObject input)
    {
        var registryId = RegistryIdOf(call, input);
        var repository = RequireRepository(call, registryId, (string)input["repositoryName"]!);
        _authorizer.Authorize(call.Caller, registryId, "ecr:DeleteRepositoryPolicy", repository.Arn, repository.PolicyText);
        var policyText = repository.PolicyText ?? throw PolicyNotFound(repository);
        _repositories.Save(repository with { PolicyText = null });
        return PolicyOutput(repository, policyText);
    }

    private static string RegistryIdOf(AwsCall call, JsonObject input) => (string?)input["registryId"] ?? call.Caller.AccountId;

    private static string RepositoryArn(AwsCall call, string registryId, string name) =>
        $"arn:aws:ecr:{call.Region}:{registryId}:repository/{name}";

    private EcrRepository RequireRepository(AwsCall call, string registryId, string name) =>
        _repositories.Find(registryId, call.Region, name)
        ?? throw new AwsServiceError("RepositoryNotFoundException",
            $"The repository with name '{name}' does not exist in the registry with id '{registryId}'");

    /// <summary>Tokens carry the last name returned; the list is ordered by name, so paging is stable under inserts.</summary>
    private static int StartAfter(IReadOnlyList<EcrRepository> repositories, string? nextToken)
    {
        if (nextToken is null)
        {
            return 0;
        }

        string lastName;
        try
        {
            lastName = Encoding.UTF8.GetString(Convert.FromBase64String(nextToken));
        }
        catch (FormatException)
        {
            throw new AwsServiceError("InvalidParameterException", "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid token'");
        }

        var index = 0;
        while (index < repositories.Count && string.CompareOrdinal(repositories[index].RepositoryName, lastName) <= 0)
        {
            index++;
        }

        return index;
    }

    private static JsonObject PolicyOutput(EcrRepository repository, string policyText) => new()
    {
        ["registryId"] = repository.RegistryId,
        ["repositoryName"] = repository.RepositoryName,
        ["policyText"] = policyText,
    };

    private static AwsServiceError PolicyNotFound(EcrRepository repository) => new("RepositoryPolicyNotFoundException",
        $"Repository policy does not exist for the repository with name '{repository.RepositoryName}' in the registry with id '{repository.RegistryId}'");
}
