using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using WLSockets.Framing;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The <c>--mode</c>, <c>--marker</c> and <c>--encoding</c> options shared by <c>listen</c> and <c>send</c>.</summary>
internal sealed class FramingOptions
{
    public FramingOptions()
    {
        Mode.Validators.Add(result =>
        {
            string? text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (text is not null && !ModeNames.TryParse(text, out _))
            {
                result.AddError($"Unknown mode '{text}' for --mode. Use one of: {string.Join(", ", ModeNames.All)}.");
            }
        });
    }

    public Option<string> Mode { get; } = new("--mode", "-m")
    {
        Description = "Framing, as WinDev's transmission mode: length (SocketTailleDébut, WinDev's default), endtag (SocketMarqueurFin), endtag-buffer (SocketMarqueurFinBuffer) or raw (SocketSansMarqueurFin). Both sides must use the same. See MODES below.",
        HelpName = "length|endtag|endtag-buffer|raw",
        DefaultValueFactory = _ => ModeNames.Length,
    };

    public Option<string> Marker { get; } = new("--marker")
    {
        Description = "End marker of the endtag and endtag-buffer modes (ignored in length and raw modes): RC, CRLF, EOT, LF, NUL or any literal text. See MARKERS below.",
        HelpName = "TEXT",
        DefaultValueFactory = _ => Markers.DefaultText,
    };

    public Option<string> Encoding { get; } = EncodingOption.Create(
        "Encoding of text messages (and of a literal marker): ansi (Windows-1252, WinDev ANSI strings), utf8, utf16 (UTF-16LE, WinDev Unicode strings). See ENCODINGS below.");

    public void AddTo(Command command)
    {
        command.Options.Add(Mode);
        command.Options.Add(Marker);
        command.Options.Add(Encoding);
    }

    /// <summary>Reads the three options; <see cref="FramingSettings.Warning"/> says when a marker is given to a mode that has none.</summary>
    /// <exception cref="UsageException">An empty marker.</exception>
    public FramingSettings Resolve(ParseResult parseResult)
    {
        string modeText = parseResult.GetValue(Mode) ?? ModeNames.Length;
        string encodingText = parseResult.GetValue(Encoding) ?? "ansi";
        string markerText = parseResult.GetValue(Marker) ?? Markers.DefaultText;
        if (!ModeNames.TryParse(modeText, out TransmissionMode mode))
        {
            throw new UsageException($"Unknown mode '{modeText}' for --mode. Use one of: {string.Join(", ", ModeNames.All)}.");
        }

        Encoding encoding = EncodingOption.Resolve(encodingText);
        if (markerText.Length == 0)
        {
            throw new UsageException("The end marker cannot be empty: give --marker a name (RC, CRLF, EOT, LF, NUL) or some text, or leave it out for <EOF>.");
        }

        string? warning = parseResult.GetResult(Marker) is { Implicit: false } && !ModeNames.UsesMarker(mode)
            ? $"--marker is ignored in {ModeNames.ToName(mode)} mode: only endtag and endtag-buffer use an end marker."
            : null;
        byte[] marker = Markers.Parse(markerText, encoding);
        return new FramingSettings(mode, marker, markerText, encoding, EncodingOption.CanonicalName(encoding)) { Warning = warning };
    }
}
