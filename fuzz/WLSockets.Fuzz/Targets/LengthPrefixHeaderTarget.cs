using WLSockets.Framing;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// <see cref="LengthPrefixFramer"/> alone: byte 0 picks the maximum (2^(byte0 % 40) - 1), the rest is what the peer sent.
/// Invariants: a complete header is 2 to 12 bytes and announces at most the maximum; a payload range lies inside the
/// input; and every beginning of a valid frame is "need more data" (or "too large"), never "invalid", so a header cut
/// by TCP is never refused.
/// </summary>
internal sealed class LengthPrefixHeaderTarget : ParserTarget
{
    public override string Name => "length-prefix";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        [20, .. "9\r\nHelloWord"u8],
        [20, 0x34, 0x0D, 0x0A, 0x48, 0x00, 0x69, 0x00],
        [20, .. "0\r\n"u8],
        [20, .. "10\r\n0123456789"u8],
        [39, .. "9999999999\r\n"u8],
        [39, .. "99999999999\r\n"u8],
        [4, .. "65536\r\n"u8],
        [20, .. "-1\r\n"u8],
        [20, .. "3\nabc"u8],
        [20, .. "3\r\rabc"u8],
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        long max = (1L << (input[0] % 40)) - 1;
        ReadOnlySpan<byte> data = input[1..];
        FrameStatus header = LengthPrefixFramer.TryReadHeader(data, max, out int headerLength, out long payloadLength);
        FrameStatus frame = LengthPrefixFramer.TryRead(data, max, out Range payload, out int consumed);
        Check(Enum.IsDefined(header) && Enum.IsDefined(frame), "An unknown status.");
        if (header == FrameStatus.Complete)
        {
            Check(headerLength is >= 2 and <= LengthPrefixFramer.MaxHeaderLength, $"Header length {headerLength}.");
            Check(payloadLength >= 0 && payloadLength <= max, $"Announced length {payloadLength} above the maximum {max}.");
            Check(frame is FrameStatus.Complete or FrameStatus.NeedMoreData, $"Header complete but frame {frame}.");
            Span<byte> canonical = stackalloc byte[LengthPrefixFramer.MaxHeaderLength];
            int written = LengthPrefixFramer.WriteHeader(payloadLength, canonical);
            Check(LengthPrefixFramer.TryReadHeader(canonical[..written], max, out _, out long again) == FrameStatus.Complete && again == payloadLength,
                "The canonical header of a parsed length does not parse back to it.");
        }
        else
        {
            Check(frame == header, $"Header {header} but frame {frame}.");
        }

        if (frame == FrameStatus.Complete)
        {
            (int offset, int length) = payload.GetOffsetAndLength(data.Length);
            Check(offset == headerLength && length == payloadLength && consumed == offset + length && consumed <= data.Length,
                "The payload range does not match the header.");

            // Every beginning of this valid frame must wait for more (or be too large already), never be refused.
            for (int cut = 0; cut < consumed; cut++)
            {
                FrameStatus partial = LengthPrefixFramer.TryRead(data[..cut], max, out _, out _);
                Check(partial is FrameStatus.NeedMoreData, $"The first {cut} bytes of a valid frame gave {partial}.");
            }
        }
    }
}
