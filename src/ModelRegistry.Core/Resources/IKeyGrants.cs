using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ModelRegistry.Core.Resources;

/// <summary>The grant operations of one KMS key (an in-memory key stands in for tests).</summary>
internal interface IKeyGrants
{
    /// <summary>The key's ARN.</summary>
    string KeyArn { get; }

    Task<IReadOnlyList<KmsGrantEntry>> ListAsync(string granteePrincipal, CancellationToken cancellationToken);

    Task CreateAsync(string name, string granteePrincipal, IEnumerable<string> operations, CancellationToken cancellationToken);

    Task RevokeAsync(string grantId, CancellationToken cancellationToken);
}
