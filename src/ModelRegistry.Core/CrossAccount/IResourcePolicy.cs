using System.Threading;
using System.Threading.Tasks;
using ModelRegistry.Core.Policies;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>One resource's policy as its service stores it: read (null when it has none), replace, delete.</summary>
internal interface IResourcePolicy
{
    PolicySizeLimit Limit { get; }

    Task<PolicyDocument?> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(PolicyDocument policy, CancellationToken cancellationToken);

    Task DeleteAsync(CancellationToken cancellationToken);
}
