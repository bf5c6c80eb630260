using WLSockets.Framing;
using WLSockets.Tests.Fakes;
using WLSockets.Text;

namespace WLSockets.Tests;

/// <summary>
/// What MessageConnection puts on the wire, read by a raw socket: the spec's hex examples byte for byte, and nothing
/// else (the library then closes gracefully and the peer reads to the end of the stream).
/// </summary>
public class WireBytesTests
{
    // mode, encoding, marker ("" = default <EOF>), message, spec bytes (tcp-core §2, F2, F3, F9, F13)
    private static readonly (TransmissionMode Mode, string Encoding, string Marker, string Message, string Wire)[] s_examples =
    [
        (TransmissionMode.SizePrefixed, "ansi", "", "HelloWord", "39 0D 0A 48 65 6C 6C 6F 57 6F 72 64"),
        (TransmissionMode.SizePrefixed, "utf16", "", "Hi", "34 0D 0A 48 00 69 00"),
        (TransmissionMode.SizePrefixed, "ansi", "", "Hi", "32 0D 0A 48 69"),
        (TransmissionMode.SizePrefixed, "ansi", "", "", "30 0D 0A"),
        (TransmissionMode.SizePrefixed, "ansi", "", "café", "34 0D 0A 63 61 66 E9"),
        (TransmissionMode.SizePrefixed, "utf8", "", "café", "35 0D 0A 63 61 66 C3 A9"),
        (TransmissionMode.EndTag, "ansi", "", "Hello world", "48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E"),
        (TransmissionMode.EndTagBuffer, "ansi", "", "Hello world", "48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E"),
        (TransmissionMode.EndTag, "ansi", Markers.CRLF, "Hello world", "48 65 6C 6C 6F 20 77 6F 72 6C 64 0D 0A"),
        (TransmissionMode.EndTag, "ansi", Markers.RC, "Hi", "48 69 0D 0A"),
        (TransmissionMode.EndTag, "ansi", Markers.EOT, "Hi", "48 69 04"),
        (TransmissionMode.EndTag, "utf16", "", "Hi", "48 00 69 00 3C 00 45 00 4F 00 46 00 3E 00"),
        (TransmissionMode.EndTag, "utf16", Markers.CRLF, "Hi", "48 00 69 00 0D 0A"),
        (TransmissionMode.EndTag, "ansi", "", "", "3C 45 4F 46 3E"),
        (TransmissionMode.NoEndTag, "ansi", "", "Hello world", "48 65 6C 6C 6F 20 77 6F 72 6C 64"),
        (TransmissionMode.NoEndTag, "ansi", "", "", ""), // F9: raw mode sends nothing for an empty message
    ];

    public static TheoryData<int, bool> Examples()
    {
        var data = new TheoryData<int, bool>();
        for (int i = 0; i < s_examples.Length; i++)
        {
            data.Add(i, false);
            data.Add(i, true);
        }

        return data;
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Examples))]
    public async Task Sent_bytes_are_the_spec_bytes_and_nothing_else(int example, bool sync)
    {
        var (mode, encoding, marker, message, wire) = s_examples[example];
        var options = new MessageConnectionOptions { Mode = mode, Encoding = WinDevEncodings.FromName(encoding) };
        if (marker.Length > 0)
        {
            options.Marker = marker;
        }

        using RawPair pair = await RawPair.StartAsync(options);
        if (sync)
        {
            await Loopback.OnThread(() => pair.Connection.Send(message)).Within();
        }
        else
        {
            await pair.Connection.SendAsync(message, Loopback.Ct).Within();
        }

        Task close = pair.Connection.CloseAsync();
        byte[] received = await pair.Peer.ReadToEndAsync();
        pair.Peer.Dispose();
        await close.Within();
        Assert.Equal(wire, Hex(received));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(TransmissionMode.SizePrefixed, "utf16", "34 0D 0A 48 00 69 00", "Hi")]
    [InlineData(TransmissionMode.SizePrefixed, "ansi", "34 0D 0A 63 61 66 E9", "café")]
    [InlineData(TransmissionMode.SizePrefixed, "ansi", "39 0A 48 65 6C 6C 6F 57 6F 72 64", "HelloWord")] // bare LF header (F6)
    [InlineData(TransmissionMode.EndTag, "utf16", "48 00 69 00 3C 00 45 00 4F 00 46 00 3E 00", "Hi")]
    [InlineData(TransmissionMode.EndTagBuffer, "ansi", "48 65 6C 6C 6F 20 77 6F 72 6C 64 3C 45 4F 46 3E", "Hello world")]
    public async Task Spec_bytes_from_a_raw_peer_decode_to_the_message(TransmissionMode mode, string encoding, string wire, string expected)
    {
        using RawPair pair = await RawPair.StartAsync(new MessageConnectionOptions { Mode = mode, Encoding = WinDevEncodings.FromName(encoding) });
        await pair.Peer.SendAsync(Convert.FromHexString(wire.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal(expected, await pair.Connection.ReceiveStringAsync(Loopback.Ct).Within());
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
