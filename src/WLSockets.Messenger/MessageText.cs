using System.Globalization;
using System.Text;

namespace WLSockets.Messenger;

/// <summary>
/// Chat text as a person reads it. WinDev's example types messages in a rich-text field, so a WinDev peer may send a
/// whole RTF document (OQ X1); it is shown as its plain text. Anything else is shown as is.
/// </summary>
public static class MessageText
{
    private static readonly string[] s_skippedDestinations = ["fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "footer", "generator", "listtable", "listoverridetable", "rsidtbl", "xmlnstbl", "themedata", "colorschememapping", "datastore", "latentstyles"];

    /// <summary>True when <paramref name="text"/> is an RTF document (starts with <c>{\rtf</c>).</summary>
    public static bool IsRtf(string text) => text.AsSpan().TrimStart().StartsWith(@"{\rtf", StringComparison.Ordinal);

    /// <summary>The plain text of an RTF document (paragraphs as line breaks); other text unchanged.</summary>
    public static string Readable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsRtf(text) ? RtfToText(text) : text;
    }

    private static string RtfToText(string rtf)
    {
        var output = new StringBuilder(rtf.Length / 2);
        var skipDepth = new Stack<bool>();
        bool skipping = false;
        int fallbackToSkip = 0;
        int i = 0;
        while (i < rtf.Length)
        {
            char c = rtf[i];
            if (c == '{')
            {
                skipDepth.Push(skipping);
                i++;
                continue;
            }

            if (c == '}')
            {
                skipping = skipDepth.Count > 0 && skipDepth.Pop();
                i++;
                continue;
            }

            if (c is '\r' or '\n')
            {
                i++;
                continue;
            }

            if (c != '\\')
            {
                Emit(c);
                i++;
                continue;
            }

            // A control symbol or word.
            i++;
            if (i >= rtf.Length)
            {
                break;
            }

            char next = rtf[i];
            if (next is '\\' or '{' or '}')
            {
                Emit(next);
                i++;
                continue;
            }

            if (next == '*')
            {
                skipping = true; // {\*\destination ...}: unknown to a reader, skipped whole
                i++;
                continue;
            }

            if (next == '\'')
            {
                if (i + 2 < rtf.Length && byte.TryParse(rtf.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte code))
                {
                    Emit(WLSockets.Text.WinDevEncodings.Ansi.GetString([code])[0]);
                }

                i += 3;
                continue;
            }

            if (!char.IsAsciiLetter(next))
            {
                if (next == '~')
                {
                    Emit('\u00a0');
                }

                i++;
                continue;
            }

            int start = i;
            while (i < rtf.Length && char.IsAsciiLetter(rtf[i]))
            {
                i++;
            }

            string word = rtf[start..i];
            int numberStart = i;
            if (i < rtf.Length && rtf[i] == '-')
            {
                i++;
            }

            while (i < rtf.Length && char.IsAsciiDigit(rtf[i]))
            {
                i++;
            }

            int.TryParse(rtf.AsSpan(numberStart, i - numberStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parameter);
            if (i < rtf.Length && rtf[i] == ' ')
            {
                i++; // the delimiter belongs to the control word
            }

            switch (word)
            {
                case "par" or "line" or "row":
                    EmitRaw('\n');
                    break;
                case "tab" or "cell":
                    EmitRaw('\t');
                    break;
                case "u":
                    EmitRaw((char)(parameter < 0 ? parameter + 65536 : parameter));
                    fallbackToSkip = 1;
                    break;
                default:
                    if (Array.IndexOf(s_skippedDestinations, word) >= 0)
                    {
                        skipping = true;
                    }

                    break;
            }
        }

        return output.ToString().Trim('\n', '\r', ' ');

        void Emit(char ch)
        {
            if (fallbackToSkip > 0)
            {
                fallbackToSkip--;
                return;
            }

            EmitRaw(ch);
        }

        void EmitRaw(char ch)
        {
            if (!skipping)
            {
                output.Append(ch);
            }
        }
    }
}
