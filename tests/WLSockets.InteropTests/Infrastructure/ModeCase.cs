using System.Globalization;
using System.Text;
using WLSockets.Text;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// One WinDev transmission mode as the tests name it, with how each party spells it: the library
/// (<see cref="TransmissionMode"/> + marker text), the Python peers (<c>--mode</c>, <c>--marker-hex</c>) and wlsock
/// (<c>--mode</c>, <c>--marker</c>).
/// </summary>
internal sealed record ModeCase(string Name, TransmissionMode Mode, string MarkerText, byte[] MarkerBytes, string PeerMode, string? CliMarker)
{
    /// <summary>The names usable in <c>[InlineData]</c>.</summary>
    public static readonly string[] All = ["length", "endtag-eof", "endtag-crlf", "endtag-buffer-eof", "endtag-buffer-pipes", "raw"];

    public bool IsRaw => Mode == TransmissionMode.NoEndTag;

    public bool HasMarker => Mode is TransmissionMode.EndTag or TransmissionMode.EndTagBuffer;

    public string MarkerHex => Convert.ToHexStringLower(MarkerBytes);

    public static ModeCase Get(string name) => name switch
    {
        "length" => new(name, TransmissionMode.SizePrefixed, "<EOF>", "<EOF>"u8.ToArray(), "length", null),
        "endtag-eof" => new(name, TransmissionMode.EndTag, "<EOF>", "<EOF>"u8.ToArray(), "endtag", null),
        "endtag-crlf" => new(name, TransmissionMode.EndTag, "\r\n", [0x0D, 0x0A], "endtag", "CRLF"),
        "endtag-buffer-eof" => new(name, TransmissionMode.EndTagBuffer, "<EOF>", "<EOF>"u8.ToArray(), "endtag-buffer", null),
        "endtag-buffer-pipes" => new(name, TransmissionMode.EndTagBuffer, "||", "||"u8.ToArray(), "endtag-buffer", "||"),
        "raw" => new(name, TransmissionMode.NoEndTag, "<EOF>", "<EOF>"u8.ToArray(), "raw", null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown mode case."),
    };

    /// <summary>Library options for this mode (ANSI encoding, as WinDev).</summary>
    public MessageConnectionOptions Options() => new()
    {
        Mode = Mode,
        Marker = MarkerText,
        Encoding = WinDevEncodings.Ansi,
    };

    /// <summary>The Python peers' framing arguments.</summary>
    public IEnumerable<string> PeerArguments() => ["--mode", PeerMode, "--marker-hex", MarkerHex];

    /// <summary>wlsock's framing arguments.</summary>
    public IEnumerable<string> CliArguments()
    {
        string mode = Mode switch
        {
            TransmissionMode.SizePrefixed => "length",
            TransmissionMode.EndTag => "endtag",
            TransmissionMode.EndTagBuffer => "endtag-buffer",
            _ => "raw",
        };
        return CliMarker is null ? ["--mode", mode] : ["--mode", mode, "--marker", CliMarker];
    }

    /// <summary>
    /// The bytes the spec (tcp-core.md section 2) puts on the wire for one message, computed here and not by the
    /// library: length = ASCII decimal byte count + CR LF + payload; marker modes = payload + marker; raw = payload.
    /// </summary>
    public byte[] Frame(ReadOnlySpan<byte> payload) => Mode switch
    {
        TransmissionMode.SizePrefixed => [.. Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture)), 0x0D, 0x0A, .. payload],
        TransmissionMode.EndTag or TransmissionMode.EndTagBuffer => [.. payload, .. MarkerBytes],
        _ => payload.ToArray(),
    };

    public byte[] Frames(IEnumerable<byte[]> payloads) => [.. payloads.SelectMany(p => Frame(p))];

    public override string ToString() => Name;
}
