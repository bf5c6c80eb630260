using System.Globalization;
using System.Text;

namespace WLSockets.Cli.Infrastructure;

/// <summary>Hex and printable renderings of bytes, and the hex parser of <c>send --hex</c>.</summary>
internal static class ByteFormat
{
    private const int DumpWidth = 16;

    /// <summary>Lowercase hex, no separators: <c>48656c6c6f</c> (what <c>xxd -p</c> and Python's <c>bytes.hex()</c> print).</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary><c>1 byte</c>, <c>1,024 bytes</c>.</summary>
    public static string Count(int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} {(bytes == 1 ? "byte" : "bytes")}");

    /// <summary>
    /// A received message as one output line: lowercase hex with <paramref name="hex"/>, else the text decoded with
    /// <paramref name="encoding"/>, control characters escaped.
    /// </summary>
    public static string ForLine(byte[] message, bool hex, Encoding encoding) =>
        hex ? ToHex(message) : EscapeControls(encoding.GetString(message));

    /// <summary>Lowercase hex pairs separated by spaces: <c>39 0d 0a</c>.</summary>
    public static string ToSpacedHex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Printable ASCII as is, every other byte as a dot.</summary>
    public static string ToPrintableAscii(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }

    /// <summary>
    /// A classic dump, 16 bytes a line: offset, hex, printable ASCII. Shows at most <paramref name="maxBytes"/>
    /// bytes then says how many were left out.
    /// </summary>
    public static IEnumerable<string> Dump(ReadOnlyMemory<byte> bytes, int maxBytes = 256)
    {
        int shown = Math.Min(bytes.Length, maxBytes);
        for (int offset = 0; offset < shown; offset += DumpWidth)
        {
            ReadOnlySpan<byte> line = bytes.Span.Slice(offset, Math.Min(DumpWidth, shown - offset));
            yield return string.Create(CultureInfo.InvariantCulture, $"{offset:x4}  {ToSpacedHex(line),-47}  |{ToPrintableAscii(line)}|");
        }

        if (shown < bytes.Length)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"....  ({bytes.Length - shown:N0} more bytes not shown)");
        }
    }

    /// <summary>
    /// Parses hex typed by a user: pairs of hex digits, optionally separated by spaces, ':' or '-', optionally
    /// prefixed by 0x. Empty text is an empty message.
    /// </summary>
    /// <exception cref="UsageException">Not hex, or an odd number of digits.</exception>
    public static byte[] ParseHex(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[2..];
        }

        var digits = new StringBuilder(trimmed.Length);
        foreach (char c in trimmed)
        {
            if (char.IsAsciiHexDigit(c))
            {
                digits.Append(c);
            }
            else if (!char.IsWhiteSpace(c) && c is not ':' and not '-')
            {
                throw new UsageException($"'{Shorten(text)}' is not hex: unexpected character '{c}'. Give pairs of hex digits, e.g. 48656c6c6f or \"48 65 6c 6c 6f\".");
            }
        }

        if (digits.Length % 2 != 0)
        {
            throw new UsageException($"'{Shorten(text)}' has an odd number of hex digits: each byte takes two digits (write 0a, not a).");
        }

        return Convert.FromHexString(digits.ToString());
    }

    /// <summary>
    /// Makes decoded text fit on one line: C0 control characters (except tab) and DEL are shown as <c>\r</c>,
    /// <c>\n</c>, <c>\0</c> or <c>\xNN</c>. Other text, backslashes included, is unchanged.
    /// </summary>
    public static string EscapeControls(string text)
    {
        int first = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (first < 0 && !text.Contains('\u007f', StringComparison.Ordinal))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '\t':
                    escaped.Append(c);
                    break;
                case '\r':
                    escaped.Append(@"\r");
                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                case '\0':
                    escaped.Append(@"\0");
                    break;
                case < ' ' or '\u007f':
                    escaped.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
