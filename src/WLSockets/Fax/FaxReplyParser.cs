using System.Buffers;
using System.Text;

namespace WLSockets.Fax;

/// <summary>
/// Cuts one reply out of the bytes of the control connection, per RFC 959 §4.2: a line "ddd text", or a first line
/// "ddd-text" followed by any lines up to one that starts with the same "ddd ". Pure: never sees a socket.
/// </summary>
internal static class FaxReplyParser
{
    /// <summary>The longest line accepted (hfaxd's longest are help and status lines, well under 1 KiB).</summary>
    public const int MaxLineBytes = 8192;

    /// <summary>
    /// <see cref="OperationStatus.Done"/> with the reply and the position after it; <see cref="OperationStatus.NeedMoreData"/>
    /// when the reply is not complete yet; <see cref="OperationStatus.InvalidData"/> when the bytes are not a reply
    /// (<paramref name="error"/> says why) or the reply is longer than <paramref name="maxReplyBytes"/>.
    /// </summary>
    public static OperationStatus TryParse(ReadOnlySequence<byte> input, int maxReplyBytes, out FaxReply? reply, out SequencePosition consumed, out string? error)
    {
        reply = null;
        error = null;
        consumed = input.Start;
        var reader = new SequenceReader<byte>(input);
        var lines = new List<string>();
        string? code = null;
        while (true)
        {
            if (!reader.TryReadTo(out ReadOnlySequence<byte> raw, (byte)'\n'))
            {
                long pending = reader.Remaining;
                if (reader.Consumed + pending > maxReplyBytes)
                {
                    error = $"the reply is longer than {maxReplyBytes} bytes";
                    return OperationStatus.InvalidData;
                }

                if (pending > MaxLineBytes)
                {
                    error = $"a reply line is longer than {MaxLineBytes} bytes";
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            if (reader.Consumed > maxReplyBytes)
            {
                error = $"the reply is longer than {maxReplyBytes} bytes";
                return OperationStatus.InvalidData;
            }

            if (raw.Length > MaxLineBytes)
            {
                error = $"a reply line is longer than {MaxLineBytes} bytes";
                return OperationStatus.InvalidData;
            }

            string line = Decode(raw);
            if (code is null)
            {
                if (line.Length < 3 || !IsCode(line.AsSpan(0, 3)) || (line.Length > 3 && line[3] is not (' ' or '-')))
                {
                    error = $"'{Printable(line)}' does not start with a three-digit reply code";
                    return OperationStatus.InvalidData;
                }

                code = line[..3];
                lines.Add(line);
                if (line.Length == 3 || line[3] == ' ')
                {
                    break;
                }

                continue;
            }

            lines.Add(line);
            if (line.Length >= 4 && line.StartsWith(code, StringComparison.Ordinal) && line[3] == ' ')
            {
                break;
            }

            if (line.Length == 3 && line == code)
            {
                break;
            }
        }

        reply = new FaxReply(int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), lines);
        consumed = reader.Position;
        return OperationStatus.Done;
    }

    private static bool IsCode(ReadOnlySpan<char> text) => text[0] is >= '1' and <= '5' && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]);

    /// <summary>UTF-8 (invalid bytes become U+FFFD, so any byte is safe); a trailing CR is dropped.</summary>
    private static string Decode(ReadOnlySequence<byte> raw)
    {
        string line = Encoding.UTF8.GetString(raw);
        return line.EndsWith('\r') ? line[..^1] : line;
    }

    internal static string Printable(string text)
    {
        const int max = 80;
        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (char c in text.AsSpan(0, Math.Min(text.Length, max)))
        {
            builder.Append(char.IsControl(c) ? '.' : c);
        }

        return text.Length > max ? builder.Append("...").ToString() : builder.ToString();
    }
}
