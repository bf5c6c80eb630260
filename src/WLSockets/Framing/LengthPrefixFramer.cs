namespace WLSockets.Framing;

/// <summary>
/// WinDev <c>SocketTailleDébut</c>: <c>&lt;ASCII decimal byte count&gt; CR LF &lt;payload&gt;</c>.
/// Pure functions, no I/O.
/// </summary>
/// <remarks>
/// Reading accepts <c>digits CR LF</c> (always written) and <c>digits LF</c>, at most
/// <see cref="MaxDigits"/> digits (open question F6); anything else is <see cref="FrameStatus.InvalidHeader"/>.
/// A length above the maximum is <see cref="FrameStatus.TooLarge"/> before any body byte is looked at.
/// </remarks>
internal static class LengthPrefixFramer
{
    /// <summary>Longest accepted decimal length.</summary>
    public const int MaxDigits = 10;

    /// <summary>Longest possible header: digits, CR, LF.</summary>
    public const int MaxHeaderLength = MaxDigits + 2;

    /// <summary>Number of bytes of the header written for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int HeaderLength(long payloadLength) => CountDigits(payloadLength) + 2;

    /// <summary>Writes the header (<c>"123\r\n"</c>) and returns its length.</summary>
    public static int WriteHeader(long payloadLength, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        int digits = CountDigits(payloadLength);
        long value = payloadLength;
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        destination[digits] = (byte)'\r';
        destination[digits + 1] = (byte)'\n';
        return digits + 2;
    }

    /// <summary>
    /// Parses the header at the start of <paramref name="input"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="headerLength"/> and <paramref name="payloadLength"/> are set; the payload may not be
    /// buffered yet (compare with <c>input.Length</c>).
    /// </summary>
    public static FrameStatus TryReadHeader(ReadOnlySpan<byte> input, long maxPayload, out int headerLength, out long payloadLength)
    {
        headerLength = 0;
        payloadLength = 0;
        long value = 0;
        int i = 0;
        for (; i < input.Length && i < MaxDigits && IsDigit(input[i]); i++)
        {
            value = (value * 10) + (input[i] - '0');
        }

        if (value > maxPayload)
        {
            // Too large as soon as the digits say so, whatever follows them: the answer must not depend on how TCP cut
            // the header (found by fuzzing: "99999999999" was "invalid" whole but "too large" cut after a few digits).
            return FrameStatus.TooLarge;
        }

        if (i == input.Length)
        {
            // Only digits so far (or nothing): a valid beginning. An 11th digit is rejected below, as any byte other
            // than CR or LF after the digits.
            return FrameStatus.NeedMoreData;
        }

        if (i == 0)
        {
            return FrameStatus.InvalidHeader; // a header starts with a digit
        }

        int terminator;
        if (input[i] == '\n')
        {
            terminator = 1;
        }
        else if (input[i] == '\r')
        {
            if (i + 1 == input.Length)
            {
                return FrameStatus.NeedMoreData;
            }

            if (input[i + 1] != '\n')
            {
                return FrameStatus.InvalidHeader;
            }

            terminator = 2;
        }
        else
        {
            return FrameStatus.InvalidHeader; // sign, space, letter, or an 11th digit
        }

        headerLength = i + terminator;
        payloadLength = value;
        return FrameStatus.Complete;
    }

    /// <summary>
    /// Cuts one whole message out of <paramref name="input"/>: the payload range and the number of bytes the frame
    /// occupies.
    /// </summary>
    public static FrameStatus TryRead(ReadOnlySpan<byte> input, long maxPayload, out Range payload, out int consumed)
    {
        payload = default;
        consumed = 0;
        FrameStatus status = TryReadHeader(input, maxPayload, out int headerLength, out long payloadLength);
        if (status != FrameStatus.Complete)
        {
            return status;
        }

        if (input.Length - headerLength < payloadLength)
        {
            return FrameStatus.NeedMoreData;
        }

        consumed = headerLength + (int)payloadLength;
        payload = headerLength..consumed;
        return FrameStatus.Complete;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int CountDigits(long value)
    {
        int digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
