using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>A model package group's resource policy (SageMaker).</summary>
internal sealed class ModelGroupPolicy : IResourcePolicy
{
    private readonly RegistryClient _client;
    private readonly string _groupName;

    public ModelGroupPolicy(RegistryClient client, string groupName)
    {
        _client = client;
        _groupName = groupName;
    }

    public PolicySizeLimit Limit => PolicySizeLimit.SageMakerModelPackageGroupPolicy;

    public async Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return PolicyDocument.Parse(await _client.GetModelPackageGroupPolicyAsync(_groupName, cancellationToken).ConfigureAwait(false));
        }
        catch (AmazonServiceException e) when (e.ErrorCode == "ValidationException")
        {
            // SageMaker answers a group without policy and a missing group with the same code:
            // if the group is there (Describe does not throw), it simply has no policy.
            await _client.DescribeModelPackageGroupAsync(_groupName, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    public Task WriteAsync(PolicyDocument policy, CancellationToken cancellationToken) =>
        _client.PutModelPackageGroupPolicyAsync(_groupName, policy.ToJson(), cancellationToken);

    public Task DeleteAsync(CancellationToken cancellationToken) =>
        _client.DeleteModelPackageGroupPolicyAsync(_groupName, cancellationToken);
}
