using ModelRegistry.Core.Configuration;
using Xunit;

namespace ModelRegistry.Core.Tests.Configuration;

/// <summary>-Credential is read by its shape, so credentials of another copy of the AWS SDK work.</summary>
public sealed class CredentialShapeTests
{
    [Fact]
    public void Credentials_of_another_type_are_read_by_shape_and_asked_for_their_keys_on_every_use()
    {
        var foreign = new RotatingCredentials();

        var credentials = CredentialShape.From(foreign)!;

        var first = credentials.GetCredentials();
        var second = credentials.GetCredentials();
        Assert.Equal(("AKIAROTATING0000001", "secret-1", "token-1"), (first.AccessKey, first.SecretKey, first.Token));
        Assert.Equal("AKIAROTATING0000002", second.AccessKey);
    }

    [Fact]
    public void A_wrapper_with_a_Credentials_property_is_unwrapped_and_anything_else_is_not_credentials()
    {
        var wrapped = CredentialShape.From(new { Name = "stored", Credentials = new RotatingCredentials() })!;

        Assert.Equal("AKIAROTATING0000001", wrapped.GetCredentials().AccessKey);
        Assert.Null(CredentialShape.From("AKIAEXAMPLE"));
    }

    /// <summary>Shaped like AWSCredentials of another SDK copy: new keys each time it is asked, as refreshing credentials give.</summary>
    private sealed class RotatingCredentials
    {
        private int _asked;

        public Keys GetCredentials()
        {
            _asked++;
            return new Keys($"AKIAROTATING000000{_asked}", $"secret-{_asked}", $"token-{_asked}");
        }
    }

    private sealed record Keys(string AccessKey, string SecretKey, string Token);
}
