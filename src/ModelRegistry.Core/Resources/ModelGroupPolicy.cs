using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using ModelRegistry.Core.Model;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.Resources;

/// <summary>A model package group's resource policy (SageMaker).</summary>
internal sealed class ModelGroupPolicy : PolicyResource
{
    private readonly SageMakerClient _client;
    private readonly string _groupName;

    /// <param name="groupArn">The group's ARN, which also names its account.</param>
    public ModelGroupPolicy(SageMakerClient client, string groupArn, string groupName)
        : base(RegistryArn.Parse(groupArn).AccountId, groupArn)
    {
        _client = client;
        _groupName = groupName;
    }

    public override ResourceKind Kind => ResourceKind.ModelGroupPolicy;

    protected override PolicySizeLimit Limit => PolicySizeLimit.SageMakerModelPackageGroupPolicy;

    public override async Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken)
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

    protected override Task PutAsync(PolicyDocument policy, CancellationToken cancellationToken) =>
        _client.PutModelPackageGroupPolicyAsync(_groupName, policy.ToJson(), cancellationToken);

    protected override Task DeleteAsync(CancellationToken cancellationToken) =>
        _client.DeleteModelPackageGroupPolicyAsync(_groupName, cancellationToken);
}
