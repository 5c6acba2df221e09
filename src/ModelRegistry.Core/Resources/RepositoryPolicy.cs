using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Resources;

/// <summary>An ECR repository's policy.</summary>
internal sealed class RepositoryPolicy : PolicyResource
{
    private readonly EcrClient _client;
    private readonly string _repositoryName;
    private readonly string? _registryId;

    /// <param name="registryId">The owner's account, when the client's credentials may belong to another account.</param>
    public RepositoryPolicy(EcrClient client, string repositoryArn, string accountId, string repositoryName, string? registryId = null)
        : base(accountId, repositoryArn)
    {
        _client = client;
        _repositoryName = repositoryName;
        _registryId = registryId;
    }

    public override ResourceKind Kind => ResourceKind.RepositoryPolicy;

    protected override PolicySizeLimit Limit => PolicySizeLimit.EcrRepositoryPolicy;

    public override async Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return PolicyDocument.Parse(await _client.GetRepositoryPolicyAsync(_repositoryName, _registryId, cancellationToken).ConfigureAwait(false));
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "RepositoryPolicyNotFoundException")
        {
            return null;
        }
    }

    // force stays false: ECR then refuses a policy that would lock the account's own principals out.
    protected override Task PutAsync(PolicyDocument policy, CancellationToken cancellationToken) =>
        _client.SetRepositoryPolicyAsync(_repositoryName, policy.ToJson(), force: false, _registryId, cancellationToken);

    protected override Task DeleteAsync(CancellationToken cancellationToken) =>
        _client.DeleteRepositoryPolicyAsync(_repositoryName, _registryId, cancellationToken);
}
