namespace WLSockets.Framing;

/// <summary>Writes a whole frame (header or marker included) for any transmission mode. Pure functions, no I/O.</summary>
internal static class FrameEncoder
{
    /// <summary>Number of bytes the frame of a <paramref name="payloadLength"/>-byte message occupies.</summary>
    public static long FrameLength(TransmissionMode mode, long payloadLength, int markerLength) => mode switch
    {
        TransmissionMode.SizePrefixed => LengthPrefixFramer.HeaderLength(payloadLength) + payloadLength,
        TransmissionMode.EndTag or TransmissionMode.EndTagBuffer => payloadLength + markerLength,
        TransmissionMode.NoEndTag => payloadLength,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown transmission mode."),
    };

    /// <summary>Writes what goes before the payload (the length header, or nothing) and returns its length.</summary>
    public static int WritePrefix(TransmissionMode mode, long payloadLength, Span<byte> destination) =>
        mode == TransmissionMode.SizePrefixed ? LengthPrefixFramer.WriteHeader(payloadLength, destination) : 0;

    /// <summary>The bytes that follow the payload (the marker, or nothing).</summary>
    public static ReadOnlySpan<byte> Suffix(TransmissionMode mode, ReadOnlySpan<byte> marker) =>
        mode is TransmissionMode.EndTag or TransmissionMode.EndTagBuffer ? marker : [];

    /// <summary>Writes the whole frame into <paramref name="destination"/> and returns its length.</summary>
    public static int Write(TransmissionMode mode, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> marker, Span<byte> destination)
    {
        int written = WritePrefix(mode, payload.Length, destination);
        payload.CopyTo(destination[written..]);
        written += payload.Length;
        ReadOnlySpan<byte> suffix = Suffix(mode, marker);
        suffix.CopyTo(destination[written..]);
        return written + suffix.Length;
    }

    /// <summary>Convenience: the frame as a new array.</summary>
    public static byte[] Encode(TransmissionMode mode, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> marker)
    {
        var frame = new byte[FrameLength(mode, payload.Length, marker.Length)];
        Write(mode, payload, marker, frame);
        return frame;
    }
}
