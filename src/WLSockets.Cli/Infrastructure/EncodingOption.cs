using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using WLSockets.Text;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The <c>--encoding</c> option of text messages, shared by the TCP and UDP commands.</summary>
internal static class EncodingOption
{
    /// <summary>A <c>--encoding</c>/<c>-e</c> option, default <c>ansi</c>, that rejects unknown names at parse time.</summary>
    public static Option<string> Create(string description)
    {
        var option = new Option<string>("--encoding", "-e")
        {
            Description = description,
            HelpName = "ansi|utf8|utf16",
            DefaultValueFactory = _ => "ansi",
        };
        option.Validators.Add(result =>
        {
            string? text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (text is not null && !TryGet(text, out _))
            {
                result.AddError(UnknownMessage(text));
            }
        });
        return option;
    }

    /// <summary>The encoding named <paramref name="name"/> (ansi, utf8, utf16 and their aliases).</summary>
    /// <exception cref="UsageException">Unknown name.</exception>
    public static Encoding Resolve(string name) =>
        TryGet(name, out Encoding? encoding) ? encoding : throw new UsageException(UnknownMessage(name));

    public static bool TryGet(string name, [NotNullWhen(true)] out Encoding? encoding)
    {
        try
        {
            encoding = WinDevEncodings.FromName(name);
            return true;
        }
        catch (ArgumentException)
        {
            encoding = null;
            return false;
        }
    }

    /// <summary><c>ansi</c>, <c>utf8</c> or <c>utf16</c>.</summary>
    public static string CanonicalName(Encoding encoding) =>
        ReferenceEquals(encoding, WinDevEncodings.Utf16) ? "utf16"
        : ReferenceEquals(encoding, WinDevEncodings.Utf8) ? "utf8"
        : "ansi";

    private static string UnknownMessage(string text) =>
        $"Unknown encoding '{text}' for --encoding. Use one of: {string.Join(", ", WinDevEncodings.Names)}.";
}
