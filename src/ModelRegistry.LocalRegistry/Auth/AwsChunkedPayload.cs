using System.Globalization;
using System.Text;

namespace ModelRegistry.LocalRegistry.Auth;

/// <summary>A body sent with <c>Content-Encoding: aws-chunked</c> (the SDKs' streaming PutObject):
/// chunks "hex-size[;chunk-signature=sig]\r\ndata\r\n", a final empty chunk, then optional trailing
/// headers such as <c>x-amz-checksum-crc32</c> and <c>x-amz-trailer-signature</c>.</summary>
public sealed class AwsChunkedPayload
{
    private AwsChunkedPayload(IReadOnlyList<PayloadChunk> chunks, IReadOnlyList<KeyValuePair<string, string>> trailers)
    {
        Chunks = chunks;
        Trailers = trailers;
    }

    /// <summary>Every chunk including the final empty one.</summary>
    public IReadOnlyList<PayloadChunk> Chunks { get; }

    /// <summary>Trailing headers in the order sent, names lower-cased.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Trailers { get; }

    public string? TrailerSignature => Trailers.FirstOrDefault(t => t.Key == "x-amz-trailer-signature").Value;

    /// <summary>The object bytes the client meant to send.</summary>
    public byte[] DecodedContent()
    {
        var content = new byte[Chunks.Sum(c => c.Data.Length)];
        var offset = 0;
        foreach (var chunk in Chunks)
        {
            chunk.Data.Span.CopyTo(content.AsSpan(offset));
            offset += chunk.Data.Length;
        }

        return content;
    }

    public static bool IsChunked(string? contentEncoding, string? contentSha256) =>
        (contentEncoding ?? "").Split(',').Any(e => e.Trim() == "aws-chunked")
        || (contentSha256 ?? "").StartsWith("STREAMING-", StringComparison.Ordinal);

    /// <exception cref="FormatException">The body does not follow the aws-chunked framing.</exception>
    public static AwsChunkedPayload Parse(byte[] body)
    {
        var chunks = new List<PayloadChunk>();
        var position = 0;
        while (true)
        {
            var header = ReadLine(body, ref position) ?? throw new FormatException("The aws-chunked body ends before its final chunk.");
            var semicolon = header.IndexOf(';');
            var sizeText = semicolon < 0 ? header : header[..semicolon];
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new FormatException($"Invalid aws-chunked chunk size '{sizeText}'.");
            }

            string? signature = null;
            if (semicolon >= 0)
            {
                const string prefix = "chunk-signature=";
                var extension = header[(semicolon + 1)..];
                signature = extension.StartsWith(prefix, StringComparison.Ordinal)
                    ? extension[prefix.Length..]
                    : throw new FormatException($"Unknown aws-chunked chunk extension '{extension}'.");
            }

            if (position + size > body.Length)
            {
                throw new FormatException("An aws-chunked chunk is longer than the body.");
            }

            chunks.Add(new PayloadChunk(body.AsMemory(position, size), signature));
            position += size;
            if (size == 0)
            {
                break;
            }

            if (ReadLine(body, ref position) != "")
            {
                throw new FormatException("An aws-chunked chunk is not followed by CRLF.");
            }
        }

        var trailers = new List<KeyValuePair<string, string>>();
        while (ReadLine(body, ref position) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"Invalid aws-chunked trailing header '{line}'.");
            }

            trailers.Add(new(line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
        }

        return new AwsChunkedPayload(chunks, trailers);
    }

    /// <summary>Reads up to CRLF; null at the end of the body.</summary>
    private static string? ReadLine(byte[] body, ref int position)
    {
        if (position >= body.Length)
        {
            return null;
        }

        var end = body.AsSpan(position).IndexOf("\r\n"u8);
        var length = end < 0 ? body.Length - position : end;
        var line = Encoding.ASCII.GetString(body, position, length);
        position += length + (end < 0 ? 0 : 2);
        return line;
    }
}

/// <summary>One chunk of an aws-chunked body and its signature (absent for unsigned streaming).</summary>
public sealed record PayloadChunk(ReadOnlyMemory<byte> Data, string? Signature);
