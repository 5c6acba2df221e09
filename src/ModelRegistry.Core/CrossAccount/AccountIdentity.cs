using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using ModelRegistry.Core.Client;

namespace ModelRegistry.Core.CrossAccount;

/// <summary>Which account a connection's credentials belong to (STS GetCallerIdentity needs no permission).</summary>
public static class AccountIdentity
{
    public static async Task<string> GetAccountIdAsync(AwsConnection connection, CancellationToken cancellationToken)
    {
        using var sts = AwsClientFactory.CreateStsClient(connection);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        return identity.Account;
    }
}
