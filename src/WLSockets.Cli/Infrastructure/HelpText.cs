namespace WLSockets.Cli.Infrastructure;

/// <summary>The sections printed after the generated help of each command.</summary>
internal static class HelpText
{
    public const string Modes = """
        MODES (--mode). Both sides must use the same mode: it is never negotiated.
          length         WinDev's default (SocketTailleDébut): the byte count in ASCII decimal, CR LF, then the payload.
                         "HelloWord" -> 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64   ("9\r\nHelloWord")
          endtag         SocketMarqueurFin: the payload, then the end marker (--marker, default <EOF>).
                         "Hello world" -> 48 65 6c 6c 6f 20 77 6f 72 6c 64 3c 45 4f 46 3e   ("Hello world<EOF>")
                         WinDev reports bytes that follow a marker in the same receive as an error and drops them;
                         wlsock keeps them (and warns): use endtag-buffer when a peer sends several messages at once.
          endtag-buffer  SocketMarqueurFinBuffer: the same bytes as endtag; bytes after a marker are kept for the
                         next message, so several messages in one TCP segment are fine.
          raw            SocketSansMarqueurFin: bytes unchanged, no boundaries. One receive (up to 4096 bytes) is
                         one message: TCP may split or merge what the peer wrote.
          WinDev's constant names (SocketTailleDébut, SocketEndTag, ...) and values (0 to 3) are accepted too.
        """;

    public const string Markers = """
        MARKERS (--marker). Used by endtag and endtag-buffer only; ignored (with a warning) in length and raw modes.
          <EOF>     the default: the five characters 3c 45 4f 46 3e (not byte 1a)
          RC, CRLF  carriage return + line feed: 0d 0a
          EOT       byte 04
          LF        byte 0a
          NUL       byte 00
          any other text is the marker itself, encoded with --encoding: --marker '|', --marker '</msg>'
          Names are case-insensitive. Quote <EOF> and other text with < > | in a shell.
        """;

    public const string Encodings = """
        ENCODINGS (--encoding) of text messages. What goes on the wire is the bytes a WinDev string holds, and the
        length header always counts bytes:
          ansi    Windows-1252, classic WinDev ANSI strings (default): "café" -> 34 0d 0a 63 61 66 e9
          utf8    UTF-8 without BOM:                                   "café" -> 35 0d 0a 63 61 66 c3 a9
          utf16   UTF-16LE without BOM, WinDev Unicode strings:        "Hi"   -> 34 0d 0a 48 00 69 00
          Also accepted: windows-1252, 1252, utf-8, utf-16, utf-16le, unicode. Invalid bytes show as U+FFFD;
          use --hex to see exact bytes.
        """;

    public const string Root = """
        EXAMPLES
          wlsock demo                                  show every framing on the wire, PASS/FAIL (loopback only)
          wlsock listen 5000                           server: print each message (WinDev default framing)
          wlsock listen 0 --bind 127.0.0.1 --echo      loopback echo server on a free port (see stderr for it)
          wlsock send 127.0.0.1 5000 HelloWord         client: sends 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64
          wlsock send 127.0.0.1 5000 --reply ping      send, then print the reply
          wlsock listen --help                         modes, markers, encodings and more examples

        EXIT CODES: 0 success, 1 runtime failure (refused, not found, timeout, failed demo case), 2 usage error.
        """;

    public const string Listen = """
        OUTPUT
          stderr: "listening on ADDR:PORT" once ready (the real port when PORT is 0; IPv6 as [::1]:PORT), then
                  warnings (a client's framing error: that client is closed, the others keep going), and with
                  --verbose a line per client connecting or leaving.
          stdout: one line per message, flushed at once: the text decoded with --encoding (control characters
                  shown as \r, \n, \0, \xNN, so a message is always one line), or lowercase hex with --hex
                  (48656c6c6f). In raw mode each receive is one line.
          A client disconnecting is normal. Clients are served concurrently; lines never interleave.

        EXIT CODES: 0 after --count messages, or on Ctrl+C / SIGTERM; 1 cannot listen (port in use, address
        not local, permission denied); 2 bad command line.

        EXAMPLES
          wlsock listen 5000                                   all IPv4 interfaces, WinDev default framing
          wlsock listen 0 --bind 127.0.0.1                     loopback only, a free port
          wlsock listen 5000 --bind :: --echo                  IPv6 and IPv4, send each message back
          wlsock listen 5000 --mode endtag --marker CRLF       lines ending in CR LF
          wlsock listen 5000 --mode endtag-buffer --encoding utf8
          wlsock listen 5000 --mode raw --hex --count 1        print the first bytes received, in hex, then exit
        """;

    public const string Send = """
        INPUT
          Each MESSAGE argument is one message. Without MESSAGE, each line of stdin (without its line terminator,
          LF or CR LF) is one message, sent as soon as it is read, until end of input. Text is encoded with
          --encoding. With --hex, messages are hex: 48656c6c6f, "48 65 6c 6c 6f", 48:65:6c, 0x0d0a.
          In raw mode an empty message sends nothing. Put -- before messages that start with '-': -- -5

        OUTPUT
          With --reply: after each message, waits (at most --timeout) for one reply and prints it on its own
          stdout line (decoded text with control characters shown as \r, \n, \xNN; lowercase hex with --hex).
          Then closes gracefully: everything sent reaches the server before the connection ends.

        EXIT CODES: 0 all sent (and replies printed); 1 refused, host not found, timeout, connection lost;
        2 bad command line or bad hex; 130 interrupted by Ctrl+C.

        EXAMPLES
          wlsock send 127.0.0.1 5000 HelloWord                     sends 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64
          wlsock send 127.0.0.1 5000 --reply ping                  send, print the reply
          printf 'one\ntwo\n' | wlsock send 127.0.0.1 5000         two messages from stdin
          wlsock send 127.0.0.1 5000 --mode endtag "Hello world"   sends Hello world<EOF>
          wlsock send ::1 5000 --mode endtag --marker CRLF --encoding utf8 café
          wlsock send 127.0.0.1 5000 --encoding utf16 Hi           sends 34 0d 0a 48 00 69 00
          wlsock send 127.0.0.1 5000 --mode raw --hex 00ff0d0a     four raw bytes
        """;

    public const string Demo = """
        Each case starts its own server on 127.0.0.1 (a free port), prints what the client wrote on the wire
        (hex and printable ASCII of the exact bytes), what the server received, then "PASS <case>" or
        "FAIL <case>: reason". Every wait has a timeout, so the demo never hangs. The last line is
        "demo: N cases passed, M failed". Colours only on a terminal (and never with NO_COLOR set).

        EXIT CODES: 0 every case passed; 1 a case failed; 2 unknown case name.

        EXAMPLES
          wlsock demo                        run every case
          wlsock demo --list                 list the cases
          wlsock demo length-prefix raw      run two cases
        """;
}
