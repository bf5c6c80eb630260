using System.Globalization;
using System.Text;

namespace WLSockets.Text;

/// <summary>
/// A small RTF-to-text converter for the messages of WinDev rich-text fields (the chat and messenger examples send them): keeps the visible text, turns <c>\par</c>/<c>\line</c> into line
/// breaks, decodes <c>\'hh</c> (Windows-1252) and <c>\uN</c> escapes, and skips the destinations that hold no text
/// (font and colour tables, style sheets, pictures, <c>{\* ...}</c>). Input size and group nesting are limited, so a
/// hostile message costs bounded time and memory.
/// </summary>
public static class RtfText
{
    /// <summary>The largest RTF document converted (characters); WinDev chat messages are far smaller.</summary>
    public const int MaxInputLength = 1024 * 1024;

    /// <summary>The deepest group nesting accepted.</summary>
    public const int MaxDepth = 64;

    private const int MaxControlWordLength = 32;

    // Destinations whose content is not text (the RTF 1.9 spec lists more; these are the ones RichEdit writes).
    private static readonly HashSet<string> s_skippedDestinations = new(StringComparer.Ordinal)
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "footer", "headerl", "headerr",
        "footerl", "footerr", "footnote", "listtable", "listoverridetable", "rsidtbl", "generator", "themedata",
        "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "mmathPr", "filetbl", "revtbl", "pn",
    };

    // Control words that stand for one character.
    private static readonly Dictionary<string, char> s_characters = new(StringComparer.Ordinal)
    {
        ["emdash"] = '\u2014', ["endash"] = '\u2013', ["bullet"] = '\u2022', ["lquote"] = '\u2018',
        ["rquote"] = '\u2019', ["ldblquote"] = '\u201C', ["rdblquote"] = '\u201D',
    };

    /// <summary>True when <paramref name="message"/> is an RTF document (starts with <c>{\rtf</c>, blanks allowed before).</summary>
    public static bool IsRtf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.AsSpan().TrimStart().StartsWith(@"{\rtf", StringComparison.Ordinal);
    }

    /// <summary>
    /// The readable text of <paramref name="rtf"/>, or false with <paramref name="error"/> saying why (too large, too
    /// deeply nested, unbalanced braces). The text has no trailing line break.
    /// </summary>
    public static bool TryToPlainText(string rtf, out string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(rtf);
        text = "";
        if (rtf.Length > MaxInputLength)
        {
            error = $"the RTF document has {rtf.Length} characters, more than the {MaxInputLength} this converter accepts";
            return false;
        }

        var output = new StringBuilder(Math.Min(rtf.Length, 4096));
        Encoding ansi = WinDevEncodings.Ansi;
        // Per group: skipping its text, and the \ucN count of characters that follow a \uN escape.
        var skipStack = new Stack<(bool Skip, int UnicodeSkip)>();
        bool skip = false;
        int unicodeSkip = 1;
        int pendingSkip = 0; // fallback characters still to drop after a \uN
        int depth = 0;
        bool destinationCandidate = false; // just after '{' (a "\*" or a destination word may follow)
        int i = 0;
        while (i < rtf.Length)
        {
            char c = rtf[i];
            switch (c)
            {
                case '{':
                    if (depth >= MaxDepth)
                    {
                        error = $"the RTF groups are nested more than {MaxDepth} deep";
                        return false;
                    }

                    skipStack.Push((skip, unicodeSkip));
                    depth++;
                    destinationCandidate = true;
                    pendingSkip = 0;
                    i++;
                    continue;
                case '}':
                    if (depth == 0)
                    {
                        error = "the RTF document closes a group it never opened";
                        return false;
                    }

                    (skip, unicodeSkip) = skipStack.Pop();
                    depth--;
                    destinationCandidate = false;
                    pendingSkip = 0;
                    i++;
                    continue;
                case '\\':
                    i = ReadControl(rtf, i, out string word, out int? parameter, out char symbol);
                    if (word.Length == 0)
                    {
                        if (symbol == '*' && destinationCandidate)
                        {
                            skip = true; // {\* ...}: an optional destination this reader does not know
                        }
                        else if (symbol == '\'')
                        {
                            // \'hh: one Windows-1252 byte (or a fallback byte after \uN).
                            if (i + 2 <= rtf.Length && byte.TryParse(rtf.AsSpan(i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte value))
                            {
                                i += 2;
                                if (pendingSkip > 0)
                                {
                                    pendingSkip--;
                                }
                                else if (!skip)
                                {
                                    output.Append(ansi.GetString([value]));
                                }
                            }
                        }
                        else if (!skip && pendingSkip == 0)
                        {
                            AppendSymbol(output, symbol);
                        }
                        else if (pendingSkip > 0)
                        {
                            pendingSkip--;
                        }

                        destinationCandidate = false;
                        continue;
                    }

                    if (destinationCandidate && s_skippedDestinations.Contains(word))
                    {
                        skip = true;
                    }

                    destinationCandidate = false;
                    switch (word)
                    {
                        case "uc":
                            unicodeSkip = Math.Clamp(parameter ?? 1, 0, 8);
                            break;
                        case "u" when parameter is int code:
                            if (!skip)
                            {
                                output.Append((char)(code < 0 ? code + 65536 : code));
                            }

                            pendingSkip = unicodeSkip;
                            break;
                        case "par" or "line" or "sect" or "page" or "row" when !skip:
                            output.Append('\n');
                            break;
                        case "tab" or "cell" when !skip:
                            output.Append('\t');
                            break;
                        case var special when !skip && s_characters.TryGetValue(special, out char character):
                            output.Append(character);
                            break;
                        case "bin" when parameter is int length and > 0:
                            i = (int)Math.Min(rtf.Length, (long)i + length); // binary data is never text
                            break;
                    }

                    continue;
                case '\r' or '\n':
                    i++; // line breaks in the source are not text
                    continue;
                default:
                    destinationCandidate = false;
                    if (pendingSkip > 0)
                    {
                        pendingSkip--;
                    }
                    else if (!skip)
                    {
                        output.Append(c);
                    }

                    i++;
                    continue;
            }
        }

        if (depth != 0)
        {
            error = $"the RTF document ends with {depth} group(s) still open";
            return false;
        }

        text = output.ToString().TrimEnd('\n', '\r');
        error = null;
        return true;
    }

    /// <summary>
    /// What a chat shows for a received message: plain text as is; RTF converted to text; RTF that cannot be converted
    /// replaced by a short note saying why.
    /// </summary>
    public static string ToDisplayText(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsRtf(message))
        {
            return message;
        }

        return TryToPlainText(message, out string text, out string? error) ? text : $"[unreadable RTF message: {error}]";
    }

    /// <summary>Reads a control word or symbol starting at the backslash at <paramref name="start"/>; returns the next index.</summary>
    private static int ReadControl(string rtf, int start, out string word, out int? parameter, out char symbol)
    {
        int i = start + 1;
        parameter = null;
        symbol = '\0';
        if (i >= rtf.Length)
        {
            word = "";
            return i;
        }

        if (!char.IsAsciiLetter(rtf[i]))
        {
            word = "";
            symbol = rtf[i];
            return i + 1;
        }

        int wordStart = i;
        while (i < rtf.Length && char.IsAsciiLetter(rtf[i]) && i - wordStart < MaxControlWordLength)
        {
            i++;
        }

        word = rtf[wordStart..i];
        int numberStart = i;
        if (i < rtf.Length && rtf[i] == '-')
        {
            i++;
        }

        while (i < rtf.Length && char.IsAsciiDigit(rtf[i]) && i - numberStart < 11)
        {
            i++;
        }

        if (i > numberStart && int.TryParse(rtf.AsSpan(numberStart, i - numberStart), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            parameter = value;
        }

        if (i < rtf.Length && rtf[i] == ' ')
        {
            i++; // the space ending a control word belongs to it
        }

        return i;
    }

    private static void AppendSymbol(StringBuilder output, char symbol)
    {
        switch (symbol)
        {
            case '\\' or '{' or '}':
                output.Append(symbol);
                break;
            case '~':
                output.Append('\u00A0');
                break;
            case '_':
                output.Append('\u2011');
                break;
            case '\r' or '\n':
                output.Append('\n'); // "\" + line break = \par
                break;
            case '-':
                break; // optional hyphen
        }
    }
}
