namespace ModelRegistry.LocalRegistry.Services.Kms;

/// <summary>The key usages KMS allows for each key spec (CreateKey refuses any other pairing).</summary>
internal static class KeyUsages
{
    public static IReadOnlyList<string> Of(string keySpec) => keySpec switch
    {
        "SYMMETRIC_DEFAULT" => ["ENCRYPT_DECRYPT"],
        _ when keySpec.StartsWith("HMAC_", StringComparison.Ordinal) => ["GENERATE_VERIFY_MAC"],
        _ when keySpec.StartsWith("RSA_", StringComparison.Ordinal) => ["ENCRYPT_DECRYPT", "SIGN_VERIFY"],
        "ECC_NIST_P256" or "ECC_NIST_P384" or "ECC_NIST_P521" => ["SIGN_VERIFY", "KEY_AGREEMENT"],
        "SM2" => ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"],
        _ => ["SIGN_VERIFY"],
    };
}
