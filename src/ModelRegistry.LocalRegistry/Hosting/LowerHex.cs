namespace ModelRegistry.LocalRegistry.Hosting;

/// <summary>Lower-case hex, as AWS writes signatures, ETags and ids (.NET 8 has only the upper-case
/// <see cref="Convert.ToHexString(ReadOnlySpan{byte})"/>).</summary>
public static class LowerHex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
