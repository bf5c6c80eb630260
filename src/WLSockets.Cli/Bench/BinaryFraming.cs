using System.Buffers;
using System.Buffers.Binary;

namespace WLSockets.Cli.Bench;

/// <summary>
/// The baselines' hand-written minimal framing: a 4-byte little-endian payload length, then the payload (what
/// DotNetty's <c>LengthFieldBasedFrameDecoder(…, 0, 4, 0, 4)</c> reads).
/// </summary>
internal static class BinaryFraming
{
    public const string Name = "u32-length";
    public const int HeaderLength = 4;

    /// <summary>Largest payload the baselines accept (bounded memory whatever a peer sends).</summary>
    public const int MaxPayload = 64 * 1024 * 1024;

    public static IReadOnlyList<string> Framings { get; } = [Name];

    /// <summary>Length of the complete frames at the start of <paramref name="data"/>; -1 when a header is invalid.</summary>
    public static int CompleteFrames(ReadOnlySpan<byte> data, out int frames, out int nextFrameLength)
    {
        int offset = 0;
        frames = 0;
        nextFrameLength = 0;
        while (data.Length - offset >= HeaderLength)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(data[offset..]);
            if (length is < 0 or > MaxPayload)
            {
                return -1;
            }

            if (data.Length - offset - HeaderLength < length)
            {
                nextFrameLength = HeaderLength + length;
                break;
            }

            offset += HeaderLength + length;
            frames++;
        }

        return offset;
    }

    /// <summary>Cuts one frame off <paramref name="buffer"/>; false when it is not all there yet.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 0 or > MaxPayload)
        {
            throw new InvalidDataException($"Invalid frame length {length}: the peer does not use the 4-byte length framing.");
        }

        if (buffer.Length - HeaderLength < length)
        {
            return false;
        }

        frame = buffer.Slice(0, HeaderLength + length);
        buffer = buffer.Slice(frame.End);
        return true;
    }
}
