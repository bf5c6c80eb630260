using System.Text;

namespace WLSockets.Cli.Infrastructure;

/// <summary>The framing chosen on the command line: mode, marker bytes and text encoding.</summary>
internal sealed record FramingSettings(TransmissionMode Mode, byte[] Marker, string MarkerText, Encoding Encoding, string EncodingName)
{
    /// <summary>A remark for stderr about the options (a marker given to a mode without one), or null.</summary>
    public string? Warning { get; init; }

    /// <summary>Options for a new connection or listener. The marker is applied separately, as bytes.</summary>
    public MessageConnectionOptions ToOptions() => new() { Mode = Mode, Encoding = Encoding };

    /// <summary>A short description such as <c>endtag, marker 0d 0a, ansi</c>.</summary>
    public string Describe() => ModeNames.UsesMarker(Mode)
        ? $"{ModeNames.ToName(Mode)}, marker {ByteFormat.ToSpacedHex(Marker)} (\"{ByteFormat.EscapeControls(MarkerText)}\"), {EncodingName}"
        : $"{ModeNames.ToName(Mode)}, {EncodingName}";
}
