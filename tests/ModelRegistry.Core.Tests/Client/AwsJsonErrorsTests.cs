using System.Net;
using Amazon.Runtime;
using ModelRegistry.Core.Client;
using Xunit;

namespace ModelRegistry.Core.Tests.Client;

public sealed class AwsJsonErrorsTests
{
    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    [Theory]
    [InlineData("ResourceNotFound", "ResourceNotFound")]
    [InlineData("com.amazonaws.sagemaker#ResourceNotFound", "ResourceNotFound")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("  ", null)]
    public void Codes_lose_their_namespace_and_uri_parts(string raw, string? expected) =>
        Assert.Equal(expected, AwsJsonErrors.SanitizeCode(raw));

    [Fact]
    public void A_client_error_body_gives_code_message_request_id_and_sender_type()
    {
        var error = AwsJsonErrors.ToException(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.sagemaker#ConflictException","Message":"Version 3 is being deleted."}""",
            Headers(("x-amzn-RequestId", "b5f1e6c2")));

        Assert.Equal(("ConflictException", "Version 3 is being deleted.", "b5f1e6c2"), (error.ErrorCode, error.Message, error.RequestId));
        Assert.Equal((ErrorType.Sender, HttpStatusCode.BadRequest), (error.ErrorType, error.StatusCode));
    }

    [Fact]
    public void The_error_type_header_names_the_code_when_the_body_does_not()
    {
        var error = AwsJsonErrors.ToException(HttpStatusCode.Forbidden, """{"message":"denied"}""", Headers(("X-Amzn-ErrorType", "AccessDeniedException:http://internal")));

        Assert.Equal(("AccessDeniedException", ErrorType.Sender), (error.ErrorCode, error.ErrorType));
    }

    [Fact]
    public void A_body_that_is_not_json_falls_back_to_the_status()
    {
        var error = AwsJsonErrors.ToException(HttpStatusCode.BadGateway, "<html>bad gateway</html>", Headers());

        Assert.Equal(("BadGateway", ErrorType.Receiver, HttpStatusCode.BadGateway), (error.ErrorCode, error.ErrorType, error.StatusCode));
        Assert.Contains("502", error.Message);
    }
}
