using WLSockets.Text;
using System.Globalization;
using System.Text;

namespace WLSockets.Chat.Rtf;

/// <summary>
/// Builds the RTF document the WinDev chat client sends: the whole content of its rich-text input, with
/// "<c>nickname : </c>" inserted at the start and made bold (examples.md §1.2, OQ X1). The document is pure ASCII:
/// characters of Windows-1252 above 127 are written as <c>\'hh</c> (as the Windows rich-text control does), others as
/// <c>\uN?</c>, so the bytes are the same in every encoding the chat may use.
/// </summary>
public static class RtfMessage
{
    /// <summary>Everything before the nickname: the header the Windows rich-text control writes for a plain field.</summary>
    public const string Header = @"{\rtf1\ansi\ansicpg1252\deff0\deflang1036{\fonttbl{\f0\fnil\fcharset0 Tahoma;}}" + "\r\n" +
        @"\viewkind4\uc1\pard\b\f0\fs16 ";

    /// <summary>Between the bold nickname prefix and the text.</summary>
    public const string BoldOff = @"\b0 ";

    /// <summary>After the text.</summary>
    public const string Trailer = "\\par\r\n}\r\n";

    /// <summary>The RTF document for <paramref name="nickname"/> saying <paramref name="text"/> (line breaks become <c>\par</c>).</summary>
    public static string Build(string nickname, string text)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        ArgumentNullException.ThrowIfNull(text);
        var rtf = new StringBuilder(Header.Length + nickname.Length + text.Length + 32);
        rtf.Append(Header);
        AppendEscaped(rtf, nickname + " : ");
        rtf.Append(BoldOff);
        AppendEscaped(rtf, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        rtf.Append(Trailer);
        return rtf.ToString();
    }

    private static void AppendEscaped(StringBuilder rtf, string text)
    {
        Encoding ansi = WLSockets.Text.WinDevEncodings.Ansi;
        Span<byte> single = stackalloc byte[4];
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\' or '{' or '}':
                    rtf.Append('\\').Append(c);
                    break;
                case '\n':
                    rtf.Append("\\par\r\n");
                    break;
                case '\t':
                    rtf.Append(@"\tab ");
                    break;
                case < (char)0x80:
                    rtf.Append(c);
                    break;
                default:
                    // In Windows-1252: \'hh; elsewhere: \uN with "?" as the one fallback character (\uc1).
                    if (!char.IsSurrogate(c) && ansi.GetBytes([c], single) == 1 && single[0] != (byte)'?')
                    {
                        rtf.Append(CultureInfo.InvariantCulture, $"\\'{single[0]:x2}");
                    }
                    else
                    {
                        rtf.Append(CultureInfo.InvariantCulture, $"\\u{(short)c}?");
                    }

                    break;
            }
        }
    }
}
