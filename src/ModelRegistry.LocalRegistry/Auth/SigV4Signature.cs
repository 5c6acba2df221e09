using System.Security.Cryptography;
using System.Text;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>The SigV4 primitives: signing key derivation, string to sign, signature.</summary>
public static class SigV4Signature
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Sign(byte[] signingKey, string stringToSign) => LowerHex.Of(Hmac(signingKey, stringToSign));

    public static string HexSha256(ReadOnlySpan<byte> data) => LowerHex.Of(SHA256.HashData(data));

    /// <summary>Compares signatures in constant time so timing does not reveal how much matched.</summary>
    public static bool SignaturesMatch(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
