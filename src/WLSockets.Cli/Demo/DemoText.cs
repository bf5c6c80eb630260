using System.Text;
using WLSockets.Cli.Infrastructure;
using WLSockets.Text;

namespace WLSockets.Cli.Demo;

/// <summary>Short descriptions shared by the demo cases.</summary>
internal static class DemoText
{
    /// <summary><c>length, ansi</c> or <c>endtag, marker CRLF, utf8</c>.</summary>
    public static string Framing(TransmissionMode mode, string? markerText, Encoding? encoding = null)
    {
        string name = ModeNames.ToName(mode);
        string marker = ModeNames.UsesMarker(mode) ? $", marker {markerText ?? WLSockets.Framing.Markers.DefaultText}" : "";
        return $"{name}{marker}, {EncodingName(encoding ?? WinDevEncodings.Ansi)}";
    }

    public static string EncodingName(Encoding encoding) =>
        ReferenceEquals(encoding, WinDevEncodings.Utf16) ? "utf16"
        : ReferenceEquals(encoding, WinDevEncodings.Utf8) ? "utf8"
        : "ansi";
}
