using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using ModelRegistry.LocalRegistry.Auth;
using ModelRegistry.LocalRegistry.Hosting;

namespace ModelRegistry.LocalRegistry.Services.S3;

/// <summary>A flexible checksum of an object (<c>x-amz-checksum-ALGORITHM</c>): base64 of the big-endian digest.</summary>
public sealed record S3Checksum(string Algorithm, string Value)
{
    private static readonly uint[] Crc32Table = CrcTable(0xEDB88320u);
    private static readonly uint[] Crc32CTable = CrcTable(0x82F63B78u);

    /// <summary>The checksum a PutObject carries in a header or an aws-chunked trailer, verified against
    /// the content; BadDigest when they differ, as S3 answers. Null when none was sent or the
    /// algorithm is one the local registry does not compute (CRC64NVME).</summary>
    public static S3Checksum? VerifyUpload(HttpRequest request, AwsChunkedPayload? chunked, byte[] content)
    {
        foreach (var algorithm in new[] { "crc32", "crc32c", "sha1", "sha256" })
        {
            var name = "x-amz-checksum-" + algorithm;
            var declared = request.Headers[name].ToString() is { Length: > 0 } header
                ? header
                : chunked?.Trailers.FirstOrDefault(t => t.Key == name).Value;
            if (string.IsNullOrEmpty(declared))
            {
                continue;
            }

            var actual = Compute(algorithm, content);
            if (declared != actual)
            {
                throw new AwsServiceError("BadDigest", $"The {algorithm.ToUpperInvariant()} you specified did not match the calculated checksum.");
            }

            return new S3Checksum(algorithm, actual);
        }

        return null;
    }

    public string HeaderName => "x-amz-checksum-" + Algorithm;

    private static string Compute(string algorithm, byte[] content) => algorithm switch
    {
        "crc32" => BigEndianBase64(Crc(Crc32Table, content)),
        "crc32c" => BigEndianBase64(Crc(Crc32CTable, content)),
        "sha1" => Convert.ToBase64String(SHA1.HashData(content)),
        _ => Convert.ToBase64String(SHA256.HashData(content)),
    };

    private static string BigEndianBase64(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Convert.ToBase64String(bytes);
    }

    private static uint Crc(uint[] table, byte[] content)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in content)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>Lookup table of the reflected CRC-32 with the given (reversed) polynomial.</summary>
    private static uint[] CrcTable(uint polynomial)
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ polynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
}
