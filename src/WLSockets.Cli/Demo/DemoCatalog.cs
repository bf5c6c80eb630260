using WLSockets.Cli.Demo.Cases;
using WLSockets.Cli.Infrastructure;
using WLSockets.Text;

namespace WLSockets.Cli.Demo;

/// <summary>
/// The registry of demo cases, in the order <c>wlsock demo</c> runs them. To add a case, write a class implementing
/// <see cref="IDemoCase"/> (one file under <c>Demo/Cases/</c>) and add one line to <see cref="All"/>.
/// </summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<IDemoCase> All { get; } =
    [
        // ---- TCP framings: a MessageConnection client, its bytes recorded by a WireTap ----
        new FramedTextCase("length-prefix", "WinDev's default framing (SocketTailleDébut): \"9\" CR LF \"HelloWord\"",
            TransmissionMode.SizePrefixed, null, WinDevEncodings.Ansi, "HelloWord",
            [0x39, 0x0D, 0x0A, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x57, 0x6F, 0x72, 0x64]),
        new FramedTextCase("length-empty", "length prefix: an empty message is \"0\" CR LF",
            TransmissionMode.SizePrefixed, null, WinDevEncodings.Ansi, "",
            [0x30, 0x0D, 0x0A]),
        new FramedTextCase("endtag-eof", "end marker (SocketMarqueurFin), default marker <EOF>",
            TransmissionMode.EndTag, "<EOF>", WinDevEncodings.Ansi, "Hello world",
            [0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0x3C, 0x45, 0x4F, 0x46, 0x3E]),
        new FramedTextCase("endtag-crlf", "end marker (SocketMarqueurFin) with the CRLF marker",
            TransmissionMode.EndTag, "CRLF", WinDevEncodings.Ansi, "Hello world",
            [0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x20, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0x0D, 0x0A]),

        // ---- Segmentation: a raw Socket client writing exact bytes ----
        new EndTagBufferOneWriteCase(),
        new RawBytesCase(),
        new LengthPrefixSplitCase(),
        new LengthPrefixCoalescedCase(),

        // ---- Text encodings (the length header counts bytes) ----
        new FramedTextCase("utf16", "UTF-16LE, WinDev Unicode strings: \"Hi\" is 4 bytes",
            TransmissionMode.SizePrefixed, null, WinDevEncodings.Utf16, "Hi",
            [0x34, 0x0D, 0x0A, 0x48, 0x00, 0x69, 0x00]),
        new FramedTextCase("ansi-accents", "Windows-1252 (ANSI), WinDev's default strings: \"café\" is 4 bytes",
            TransmissionMode.SizePrefixed, null, WinDevEncodings.Ansi, "café",
            [0x34, 0x0D, 0x0A, 0x63, 0x61, 0x66, 0xE9]),

        // ---- Bad input ----
        new BadLengthHeaderCase(),

        // ---- WLangage facade ----
        new WLangageFacadeCase(),

        // ---- Other transports (TLS, UDP, WebSocket, SOCKS5 ...): one IDemoCase each, below ----
        new TlsCase(),
        new TlsRejectedCase(),
        new UdpCase(),
        new WebSocketCase(),
        new Socks5Case(),
        new BluetoothInfraredCase(),
        new TraceCase(),

        // ---- Example applications ----
        new ChatRoundCase(),
    ];

    /// <summary>The cases named, in the order given.</summary>
    /// <exception cref="UsageException">A name is not in <see cref="All"/>.</exception>
    public static IReadOnlyList<IDemoCase> Select(IEnumerable<string> names)
    {
        var selected = new List<IDemoCase>();
        foreach (string name in names)
        {
            IDemoCase? found = All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            selected.Add(found ?? throw new UsageException(
                $"Unknown demo case '{name}'. Known cases: {string.Join(", ", All.Select(c => c.Name))} (see 'wlsock demo --list')."));
        }

        return selected;
    }
}
