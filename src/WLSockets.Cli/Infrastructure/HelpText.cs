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
          wlsock listen 5043 --tls --self-signed       TLS server with a throwaway certificate (fingerprint on stderr)
          wlsock send 127.0.0.1 5043 --tls --ca ca.pem HelloWord      TLS client trusting a private CA
          wlsock udp listen 5020                       print each UDP datagram received
          wlsock udp send 127.0.0.1 5020 --reply ping  one datagram, then print the datagram that comes back
          echo hi | wlsock ws ws://127.0.0.1:8080/     WebSocket: each stdin line one message, each reply one line
          wlsock --socks5 127.0.0.1:1080 send 10.0.0.5 5000 HelloWord   through a SOCKS5 proxy (send, ws)
          wlsock listen --help                         modes, markers, encodings, TLS and more examples

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
        not local, permission denied) or cannot read the --cert file; 2 bad command line.

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

        EXIT CODES: 0 all sent (and replies printed); 1 refused, host not found, timeout, connection lost, TLS
        handshake failed or server certificate rejected; 2 bad command line or bad hex; 130 interrupted by Ctrl+C.

        EXAMPLES
          wlsock send 127.0.0.1 5000 HelloWord                     sends 39 0d 0a 48 65 6c 6c 6f 57 6f 72 64
          wlsock send 127.0.0.1 5000 --reply ping                  send, print the reply
          printf 'one\ntwo\n' | wlsock send 127.0.0.1 5000         two messages from stdin
          wlsock send 127.0.0.1 5000 --mode endtag "Hello world"   sends Hello world<EOF>
          wlsock send ::1 5000 --mode endtag --marker CRLF --encoding utf8 café
          wlsock send 127.0.0.1 5000 --encoding utf16 Hi           sends 34 0d 0a 48 00 69 00
          wlsock send 127.0.0.1 5000 --mode raw --hex 00ff0d0a     four raw bytes
        """;

    public const string ListenTls = """
        TLS (--tls). The framing (--mode, --marker, --encoding) applies inside TLS unchanged: a WinDev peer using
        SocketCréeSSL/SocketConnecteSSL and the same transmission mode reads exactly what it reads over TCP.
          Certificate: --cert server.pem --key server.key (PEM), --cert server.pfx --password-env PFX_PASSWORD
                       (PKCS#12, from a .pfx or .p12 name), or --self-signed (made in memory for localhost,
                       127.0.0.1 and ::1; its SHA-256 fingerprint and SHA-1 thumbprint go to stderr after the
                       listening line; --save-cert FILE writes it as PEM for clients to trust).
          stderr:      after "listening on ADDR:PORT", the certificate presented (subject, names, expiry) and its
                       SHA-256 fingerprint, for clients to pin (wlsock send --tls --pin).
          Clients:     each handshake runs in the background (at most 10 s); a client that fails it (plain TCP,
                       refuses our certificate, no client certificate with --require-client-cert ...) gets one
                       "wlsock: warning:" line and is closed; the others are not affected. A client that refuses
                       our certificate after the handshake (TLS 1.3) shows as a reset with --verbose.
          Protocols:   TLS 1.2 and 1.3, as the system allows (OpenSSL on Linux, SChannel on Windows).

        TLS EXAMPLES
          wlsock listen 5043 --tls --self-signed --echo               try it: fingerprint on stderr
          wlsock listen 5043 --tls --self-signed --save-cert srv.pem  then: wlsock send HOST 5043 --tls --ca srv.pem
          wlsock listen 5043 --tls --cert server.pem --key server.key
          PFX_PASSWORD=secret wlsock listen 5043 --tls --cert server.pfx --password-env PFX_PASSWORD
          wlsock listen 5043 --tls --cert server.pem --key server.key --require-client-cert --ca clients-ca.pem
          openssl s_client -connect 127.0.0.1:5043 -quiet             any TLS client works: it types raw frames
        """;

    public const string SendTls = """
        TLS (--tls). The framing (--mode, --marker, --encoding) applies inside TLS unchanged. The server's
        certificate is validated by default; a refusal is one "wlsock: error:" line with the reason, exit code 1.
          Trust:       default the system's trusted roots; --ca FILE trusts a private CA or a self-signed server
                       certificate (PEM or DER); --pin SHA256 trusts exactly the certificate with that fingerprint;
                       --insecure trusts anything (tests only). Pick at most one.
          Name:        the certificate must be issued for HOST (an IP address must be among its IP addresses), or
                       for --server-name NAME, which is also sent as SNI.
          Client cert: --cert client.pem --key client.key, or --cert client.pfx --password-env VAR, for servers
                       that require one. A TLS 1.3 server refuses a missing or bad one after the handshake: the
                       send then fails at the first read (use --reply to see it).

        TLS EXAMPLES
          wlsock send server.example 5043 --tls HelloWord                   a certificate from a public CA
          wlsock send 10.0.0.5 5043 --tls --ca ca.pem --server-name server.example HelloWord
          wlsock send 127.0.0.1 5043 --tls --pin 3F:A1:...:9C --reply ping   trust 'wlsock listen --self-signed'
          wlsock send 127.0.0.1 5043 --tls --insecure --reply ping          any certificate (tests only)
          wlsock send 127.0.0.1 5043 --tls --ca ca.pem --cert me.pem --key me.key HelloWord
        """;

    public const string WebSocket = """
        WebSocket (RFC 6455): each stdin line is sent as one text message (--hex: hex lines sent as binary
        messages); each message received is printed on its own stdout line, text as it is, binary as lowercase hex.
        When stdin ends, the messages still arriving are printed (--linger, default 500 ms), then the closing
        handshake is done (status 1000), exit code 0. When the server closes, its close status is noted on stderr:
        exit code 0 for 1000 (normal) and 1001 (going away), 1 otherwise. Errors: one "wlsock: error:" line, exit 1.

        EXAMPLES
          echo hello | wlsock ws ws://127.0.0.1:8080/echo                   one message, print the replies
          wlsock ws ws://127.0.0.1:8080/chat --protocol chat.v1 -v          offer a sub-protocol, note the chosen one
          wlsock ws wss://127.0.0.1:8443/echo --ca ca.pem                   WebSocket over TLS, private CA
          echo 48656c6c6f | wlsock ws ws://127.0.0.1:8080/echo --hex        one binary message
        """;

    public const string Socks5 = """
        SOCKS5 (--socks5, global: before or after the command). Client commands (send, including --tls, and ws)
        connect through the proxy: --socks5 HOST:PORT or socks5://HOST:PORT resolves destination names here,
        socks5h://HOST:PORT lets the proxy resolve them. Authentication (RFC 1929): --socks-user USER with the
        password in an environment variable named by --socks-password-env VAR (never on the command line, never
        printed). A bad address or a missing variable: exit code 2; a proxy that is down or refuses: exit code 1.

        SOCKS5 EXAMPLES
          wlsock --socks5 127.0.0.1:1080 send 10.0.0.5 5000 --reply HelloWord
          wlsock send server.lan 5000 --socks5 socks5h://127.0.0.1:1080 HelloWord      the proxy resolves server.lan
          PROXY_PW=... wlsock --socks5 [::1]:1080 --socks-user me --socks-password-env PROXY_PW ws ws://10.0.0.5/echo
        """;

    public const string Udp = """
        UDP is what WinDev's SocketCréeUDP sockets speak: each SocketEcrit is one datagram, each SocketLit returns
        one whole datagram. There is no framing and no connection: --mode and --marker do not apply, nothing tells
        a sender that nobody listens, and a datagram may be lost. At most 65,507 bytes per datagram over IPv4.

        EXAMPLES
          wlsock udp listen 5020                               print each datagram received on port 5020
          wlsock udp listen 0 --bind 127.0.0.1 --echo -v       loopback echo peer on a free port, senders on stderr
          wlsock udp send 127.0.0.1 5020 "Qui est là ?"        one datagram
          wlsock udp send 127.0.0.1 5020 --reply ping          one datagram, print the one that comes back
          wlsock udp listen --help, wlsock udp send --help     more
        """;

    public const string UdpListen = """
        OUTPUT
          stderr: "listening on ADDR:PORT" once ready (the real port when PORT is 0; IPv6 as [::1]:PORT); with
                  --verbose, "from ADDR:PORT (N bytes)" before each datagram's line.
          stdout: one line per datagram, flushed at once: the text decoded with --encoding (control characters
                  shown as \r, \n, \0, \xNN, so a datagram is always one line), or lowercase hex with --hex. An
                  empty datagram is an empty line. Datagrams are never merged or split.

        EXIT CODES: 0 after --count datagrams, or on Ctrl+C / SIGTERM; 1 cannot bind (port in use, address not
        local, permission denied); 2 bad command line.

        EXAMPLES
          wlsock udp listen 5020                               every IPv4 interface
          wlsock udp listen 0 --bind 127.0.0.1                 loopback only, a free port
          wlsock udp listen 5020 --bind :: --echo              IPv6 and IPv4, send each datagram back to its sender
          wlsock udp listen 5020 --hex --count 1 -v            the first datagram in hex, with its sender, then exit
        """;

    public const string UdpSend = """
        INPUT
          Each MESSAGE argument is one datagram. Without MESSAGE, each line of stdin (without its LF or CR LF) is
          one datagram, sent as soon as it is read; an empty line is an empty datagram. Text is encoded with
          --encoding. With --hex, messages are hex: 48656c6c6f, "48 65 6c 6c 6f", 0x0d0a.
          Put -- before messages that start with '-': -- -5

        OUTPUT
          With --reply: after each datagram, waits (at most --timeout) for one datagram back, from any sender, and
          prints it on its own stdout line (decoded text, control characters escaped; lowercase hex with --hex).
          Datagrams are sent from a free port of this machine; the peer answers to it (WinDev: SocketClientInfo).

        EXIT CODES: 0 all sent (and replies printed); 1 no reply in time, host not found, datagram too large;
        2 bad command line or bad hex; 130 interrupted by Ctrl+C. Without --reply, 0 does not mean anybody
        received the datagrams: UDP does not say.

        EXAMPLES
          wlsock udp send 127.0.0.1 5020 HelloWord                 sends the 9 bytes 48 65 6c 6c 6f 57 6f 72 64
          wlsock udp send 127.0.0.1 5020 --reply --timeout 2000 ping
          printf 'one\ntwo\n' | wlsock udp send 127.0.0.1 5020      two datagrams
          wlsock udp send ::1 5020 --encoding utf16 Hi             sends 48 00 69 00
          wlsock udp send 127.0.0.1 5020 --hex 00ff0d0a            four bytes
        """;

    public const string UdpEncodings = """
        ENCODINGS (--encoding) of text datagrams, the bytes a WinDev string holds:
          ansi    Windows-1252, classic WinDev ANSI strings (default): "café" -> 63 61 66 e9
          utf8    UTF-8 without BOM:                                   "café" -> 63 61 66 c3 a9
          utf16   UTF-16LE without BOM, WinDev Unicode strings:        "Hi"   -> 48 00 69 00
          Invalid bytes show as U+FFFD; use --hex to see exact bytes.
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
          wlsock demo tls tls-rejected udp   the TLS and UDP cases
        """;

    public const string Bluetooth = """
        BLUETOOTH RFCOMM, as WinDev's SocketCréeBluetooth / SocketConnecteBluetooth: a byte stream like TCP, so
        --mode, --marker and --encoding work as for 'wlsock listen' / 'wlsock send' (see MODES).
        WHERE IT WORKS
          Linux    BlueZ kernel support (AF_BLUETOOTH, the bluetooth and rfcomm modules) and a powered adapter.
                   No SDP record is registered and none is looked up: use RFCOMM channel numbers 1 to 30 on
                   both sides (wlsock bt listen 3 / wlsock bt send 3 ADDRESS).
          Windows  the Microsoft Bluetooth stack (AF_BTH): service names, GUIDs and short forms (0x1101) work too.
          Elsewhere, or without kernel support, the command fails with one line naming what is missing (exit 1).
        SERVICE   an RFCOMM channel 1 to 30; a known name (SerialPortServiceClass_UUID, ...); a GUID
                  (00001101-0000-1000-8000-00805F9B34FB); a 16-bit short form (0x1101).
        ADDRESS   the device's MAC address: 00:1A:7D:DA:71:13, 00-1A-7D-DA-71-13 or 001A7DDA7113.

        EXAMPLES
          wlsock bt listen 3 --echo                               RFCOMM echo server on channel 3
          wlsock bt send 3 00:1A:7D:DA:71:13 --reply "Bonjour"     one message on channel 3, print the reply
          wlsock bt send SerialPortServiceClass_UUID 00:1A:7D:DA:71:13 -m endtag --marker CRLF AT   (Windows)
        """;

    public const string Infrared = """
        INFRARED (IrDA), as WinDev's SocketCréeInfraRouge / SocketConnecteInfraRouge: a byte stream like TCP, so
        --mode, --marker and --encoding work as for 'wlsock listen' / 'wlsock send' (see MODES).
        WHERE IT WORKS
          Windows only, with an IrDA adapter and the system's IrDA support (AF_IRDA; absent from recent Windows
          versions). Linux and macOS have no AF_IRDA: the command fails with one line saying so (exit 1).
        SERVICE-NAME   the IAS service name both sides use, 1 to 24 printable ASCII characters. 'send' connects
                       to the first device in range offering it.

        EXAMPLES
          wlsock ir listen WLChat --echo             infrared echo server for service "WLChat"
          wlsock ir send WLChat --reply "Bonjour"    one message, print the reply
        """;

    /// <summary><c>wlsock bench</c>: scenarios, goals, exit codes.</summary>
    public const string Bench = """
        Scenarios (all on 127.0.0.1, client and server in this process): pingpong (1 connection, one 32-byte
        message in flight: round-trip time), pipelined (1 and 100 connections, 1,000 32-byte messages in flight
        in total: messages/s), bulk (1 MiB messages one way, 1 connection: MB/s), connections (hold 10,000 idle
        connections opened by a child process, then ping each: memory per connection). WLSockets runs every
        WinDev framing with the async core, and the facade (SocketEcrit/SocketLit) in ping-pong; the baselines
        (plain sockets, Kestrel, DotNetty) use a 4-byte length prefix; sockperf and iperf3 give the machine's
        limits. Cells are sampled in alternating rounds and reduced to medians, so background load hits every
        system alike. The connections scenario needs about N+100 open files per process (ulimit -n).

        GOALS (ratios, printed at the end): ping-pong p50 <= 1.3 x sockperf; pipelined 32 B x 100 connections
        >= 1.0 x the best baseline; bulk >= 0.8 x iperf3; facade p50 <= 1.2 x async core; 10,000 idle
        connections <= 16 KiB each and all answer.

        EXIT CODES: 0 every goal holds; 1 a goal is missed or not measured; 2 usage error.

        EXAMPLES
          wlsock bench                                   everything (about 6 minutes)
          wlsock bench --quick --plot bench.svg          a quick look, with a chart
          wlsock bench -s pingpong -m length --rounds 5  one scenario, one framing
          bench/run.sh                                   the full suite: adds DotNetty and the micro-benchmarks
        """;

    /// <summary><c>wlsock chat</c>: the WinDev chat example, scale-out, examples.</summary>
    public const string Chat = """
        THE CHAT of WinDev's example "WD Utilisation des sockets", byte-compatible with the WinDev server and
        client: default WinDev framing (length prefix), Windows-1252 text, "nick : text" messages (RTF documents
        with --rtf, as the WinDev client sends), BYE before leaving. The server sends every message to every
        client, the sender included. With --redis, servers in the same --room share one conversation; while
        Redis is down each server keeps its own clients chatting and catches up when it returns.

        EXAMPLES
          wlsock chat server --bind 127.0.0.1                     a server on this machine, port 5010, live table
          wlsock chat server --quiet                              plain log lines instead of the table
          wlsock chat server --port 5011 --redis 127.0.0.1:6379   a second server joined through Redis
          wlsock chat client 127.0.0.1 --nick Alice               the chat screen (Enter sends, Esc quits)
          echo "Salut" | wlsock chat client 127.0.0.1 --nick Bot  scripted: send, print what comes, leave
        """;

    /// <summary><c>wlsock trace</c>: output, formats, decoding, TLS, examples.</summary>
    public const string Trace = """
        OUTPUT
          stderr: "listening on ADDR:PORT" once ready, then "relaying to HOST:PORT"; on a terminal, a live summary
                  line (connections, bytes each way).
          stdout (and --log FILE): one event per line, each with a UTC timestamp in microseconds and the
                  connection id #N, in the WD Trace Socket style:
            2026-11-25T13:40:41.123456Z #1 open: client (on 127.0.0.1:40000) -> relay (on 127.0.0.1:7000, then 127.0.0.1:40001) -> server (on 127.0.0.1:5000)
            2026-11-25T13:40:41.123500Z #1 client (on 127.0.0.1:40000) -> server (on 127.0.0.1:5000) (12 bytes): 9\r\nHelloWord
            2026-11-25T13:40:41.123600Z #1 client (on 127.0.0.1:40000) <- server (on 127.0.0.1:5000): end of stream (half-close passed on)
            2026-11-25T13:40:41.123700Z #1 close (normal): client -> server 12 bytes, server -> client 0 bytes
          --format hex adds a hex dump (stream offset, 16 bytes, ASCII) under each data line; --format jsonl
          writes one JSON object per event (open, data, message, warning, half-close, close, error; data in
          base64; schema in docs/trace.md).
          --decode MODE shows "message (N bytes)" events, one per WinDev message; a direction that breaks the
          framing gets a WARNING with the undecoded bytes, then its data raw: nothing is hidden.
          --pcap FILE: open it with wireshark FILE, or tshark -r FILE -q -z follow,tcp,ascii,0.

        RELAY
          Both directions are copied unchanged, with back-pressure (a side that stops reading slows the other;
          at most 64 KiB held per direction). An end of stream (half-close) is passed on while the other
          direction keeps flowing; a reset is passed on as a reset. A target that cannot be reached closes the
          client's connection (error event 190070).

        EXIT CODES: 0 on Ctrl+C / SIGTERM; 1 cannot listen (port in use ...) or cannot write --pcap/--log or
        read the certificate; 2 bad command line.

        EXAMPLES
          wlsock trace --listen 7000 --target 192.168.1.20:5000                      show every byte, as text
          wlsock trace -l 127.0.0.1:0 -t 127.0.0.1:5000 --decode length              one line per WinDev message
          wlsock trace -l 7000 -t srv:5000 --decode endtag --marker CRLF --format hex
          wlsock trace -l 7000 -t srv:5000 --quiet --pcap trace.pcap                 for Wireshark
          wlsock trace -l 7000 -t srv:5000 --format jsonl --log trace.jsonl
          wlsock trace -l 7443 -t srv:5443 --tls-listen --cert relay.pem --tls-target --target-ca srv.pem
        """;

    /// <summary><c>wlsock fax</c>: the HylaFAX server, commands, examples.</summary>
    public const string Fax = """
        FAX. wlsock speaks the HylaFAX client/server protocol (hfaxd, TCP port 4559): it uploads the documents and
        queues the job; the server converts them and dials out on its modem (wlsock never drives a modem).
          Server:    --server HOST[:PORT], or WLSOCK_FAX_SERVER=HOST[:PORT]; --user NAME; --password-env VAR
          Documents: PDF, PostScript or TIFF, recognised by their first bytes; other files are refused
          Examples:
            wlsock fax send --server faxhost --to 0145678900 facture.pdf annexe.pdf
            wlsock fax queue --server faxhost          (--done for the done queue)
            wlsock fax status 12 --server faxhost
            wlsock fax restart 12 --server faxhost
            wlsock fax kill 12 --server faxhost
        """;
}
