using System.CommandLine;
using System.Globalization;
using WLSockets.Cli.Infrastructure;
using WLSockets.Framing;
using WLSockets.Relay;
using WLSockets.Text;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock trace --listen [ADDR:]PORT --target HOST:PORT</c>: a tracing TCP relay (WinDev's WD Trace Socket) that
/// shows everything passing, both directions, as text, hex or JSON lines, optionally decoded as WinDev messages and
/// written to a pcap file.
/// </summary>
internal sealed class TraceCommand : Command
{
    private static readonly TimeSpan s_summaryPeriod = TimeSpan.FromSeconds(1);
    private readonly CliConsole _console;

    private readonly Option<string> _listen = new("--listen", "-l")
    {
        Description = "Where the relay listens: PORT (every IPv4 interface, as WinDev), or ADDR:PORT (127.0.0.1:7000, [::1]:7000, [::]:7000). Port 0 picks a free port, printed on stderr. Point the client application here instead of at the server.",
        HelpName = "[ADDR:]PORT",
        Required = true,
    };

    private readonly Option<string> _target = new("--target", "-t")
    {
        Description = "The real server: HOST:PORT (IPv6 in brackets: [::1]:5000). Every accepted client gets its own connection to it.",
        HelpName = "HOST:PORT",
        Required = true,
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "How events are printed: text (printable text, escapes for the rest), hex (hex dump with stream offsets) or jsonl (one JSON object per event, data in base64). See OUTPUT below.",
        HelpName = "text|hex|jsonl",
        DefaultValueFactory = _ => "text",
    };

    private readonly Option<string> _decode = new("--decode", "-d")
    {
        Description = "Show each WinDev message as one event instead of the raw receives: length (SocketTailleDébut), endtag (SocketMarqueurFin), endtag-buffer (SocketMarqueurFinBuffer) or raw (one message per receive). Bytes that break the framing get a warning and are shown raw.",
        HelpName = "length|endtag|endtag-buffer|raw",
    };

    private readonly Option<string> _marker = new("--marker")
    {
        Description = "With --decode endtag or endtag-buffer: the end marker, RC, CRLF, EOT, LF, NUL or any literal text (ANSI). Default <EOF>.",
        HelpName = "TEXT",
    };

    private readonly Option<int?> _maxMessage = NumberArguments.AtLeast("--max-message", "-M", 1, "BYTES",
        "With --decode: the largest message decoded (default 1048576); a longer one breaks the framing of its direction (warning, then raw).");

    private readonly Option<string> _pcap = new("--pcap")
    {
        Description = "Also write a capture file (libpcap) that Wireshark and tshark open as ordinary TCP conversations between the real client and server (synthesized IP and TCP headers).",
        HelpName = "FILE",
    };

    private readonly Option<string> _log = new("--log")
    {
        Description = "Also write the events, in --format, to FILE (flushed at each open and close, and at exit).",
        HelpName = "FILE",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Print nothing on stdout (use with --pcap or --log).",
    };

    private readonly ServerTlsOptions _tlsListen = new("--tls-listen",
        "Clients speak TLS to the relay, which presents --cert (or --self-signed); the trace shows the plaintext. The other server TLS options (--cert, --key, --password-env, --self-signed, --save-cert, --require-client-cert, --ca) are those of 'wlsock listen --tls'.");

    private readonly Option<bool> _tlsTarget = new("--tls-target")
    {
        Description = "The relay speaks TLS to the target. Its certificate must chain to a root this system trusts (or to --target-ca) and be issued for HOST (or --target-name), unless --insecure.",
    };

    private readonly Option<string> _targetCa = new("--target-ca")
    {
        Description = "With --tls-target: trust this CA, or this self-signed server certificate, instead of the system's roots (PEM or DER).",
        HelpName = "FILE",
    };

    private readonly Option<string> _targetName = new("--target-name")
    {
        Description = "With --tls-target: the name sent (SNI) and checked against the target's certificate. Default: HOST.",
        HelpName = "NAME",
    };

    private readonly Option<bool> _insecure = new("--insecure")
    {
        Description = "With --tls-target: accept ANY target certificate (self-signed, expired, another name). Encrypted but not authenticated: for tests only.",
    };

    public TraceCommand(CliConsole console)
        : base("trace", "Run a tracing relay between a client and a server (WinDev's WD Trace Socket): every client connecting to --listen gets its own connection to --target; both directions are copied unchanged and shown on stdout with timestamps and connection ids. Once ready, prints \"listening on ADDR:PORT\" on stderr.")
    {
        _console = console;
        Options.Add(_listen);
        Options.Add(_target);
        Options.Add(_format);
        Options.Add(_decode);
        Options.Add(_marker);
        Options.Add(_maxMessage);
        Options.Add(_pcap);
        Options.Add(_log);
        Options.Add(_quiet);
        _tlsListen.AddTo(this);
        Options.Add(_tlsTarget);
        Options.Add(_targetCa);
        Options.Add(_targetName);
        Options.Add(_insecure);
        AddChoiceValidator(_format, text => TryParseFormat(text, out _), "format", "text, hex, jsonl");
        AddChoiceValidator(_decode, text => ModeNames.TryParse(text, out _), "mode", string.Join(", ", ModeNames.All));
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        (string listenAddress, int listenPort) = ParseEndPoint(parseResult.GetValue(_listen)!, "--listen", defaultHost: "0.0.0.0", allowZeroPort: true);
        (string targetHost, int targetPort) = ParseEndPoint(parseResult.GetValue(_target)!, "--target", defaultHost: null, allowZeroPort: false);
        string formatText = parseResult.GetValue(_format) ?? "text";
        if (!TryParseFormat(formatText, out TraceFormat format))
        {
            throw new UsageException($"Unknown format '{formatText}' for --format. Use one of: text, hex, jsonl.");
        }

        OptionChecks.Requires(parseResult, _decode, "the marker ends the messages that --decode endtag cuts.", _marker);
        OptionChecks.Requires(parseResult, _decode, "it limits the messages that --decode cuts.", _maxMessage);
        OptionChecks.Requires(parseResult, _tlsTarget, "add --tls-target to speak TLS to the target.", _targetCa, _targetName, _insecure);
        OptionChecks.Exclusive(parseResult, "choose one way to trust the target: --target-ca (validate against this CA) or --insecure (any certificate).", _targetCa, _insecure);
        bool quiet = parseResult.GetValue(_quiet);
        string? pcapPath = parseResult.GetValue(_pcap);
        string? logPath = parseResult.GetValue(_log);
        if (quiet && pcapPath is null && logPath is null)
        {
            _console.ReportWarning("--quiet without --pcap or --log: the relay runs but nothing is recorded.");
        }

        ServerTlsSetup? listenTls = _tlsListen.Resolve(parseResult);
        TlsClientOptions? targetTls = null;
        if (parseResult.GetValue(_tlsTarget))
        {
            targetTls = new TlsClientOptions
            {
                TargetHost = parseResult.GetValue(_targetName),
                AllowInvalidCertificate = parseResult.GetValue(_insecure),
            };
            if (parseResult.GetValue(_targetCa) is { } caPath)
            {
                targetTls.TrustedCertificates = TlsCertificates.LoadTrusted(caPath, "--target-ca");
            }
        }

        var sinks = new List<ITraceSink>();
        var disposables = new List<IDisposable>();
        try
        {
            if (pcapPath is not null)
            {
                var pcap = new PcapWriter(OpenOutputFile(pcapPath, "--pcap"));
                disposables.Add(pcap);
                sinks.Add(pcap);
            }

            var shown = new List<ITraceSink>();
            if (!quiet)
            {
                _console.Out.Flush();
                Stream stdout = _console.Out is StreamWriter writer ? writer.BaseStream : Console.OpenStandardOutput();
                var writerOut = new TraceWriter(stdout, format, flushEachEvent: true, leaveOpen: true);
                disposables.Add(writerOut);
                shown.Add(writerOut);
            }

            if (logPath is not null)
            {
                var log = new TraceWriter(OpenOutputFile(logPath, "--log"), format, flushEachEvent: false);
                disposables.Add(log);
                shown.Add(log);
            }

            ITraceSink? display = shown.Count switch
            {
                0 => null,
                1 => shown[0],
                _ => new TraceFanOut([.. shown]),
            };
            if (display is not null && parseResult.GetValue(_decode) is { } decodeText)
            {
                if (!ModeNames.TryParse(decodeText, out TransmissionMode mode))
                {
                    throw new UsageException($"Unknown mode '{decodeText}' for --decode. Use one of: {string.Join(", ", ModeNames.All)}.");
                }

                string markerText = parseResult.GetValue(_marker) ?? Markers.DefaultText;
                if (markerText.Length == 0)
                {
                    throw new UsageException("The end marker cannot be empty: give --marker a name (RC, CRLF, EOT, LF, NUL) or some text, or leave it out for <EOF>.");
                }

                if (OptionChecks.Given(parseResult, _marker) && !ModeNames.UsesMarker(mode))
                {
                    _console.ReportWarning($"--marker is ignored with --decode {ModeNames.ToName(mode)}: only endtag and endtag-buffer use an end marker.");
                }

                display = new TraceDecoder(display, mode, Markers.Parse(markerText, WinDevEncodings.Ansi), parseResult.GetValue(_maxMessage) ?? 1024 * 1024);
            }

            if (display is not null)
            {
                sinks.Add(display);
            }

            var options = new TraceRelayOptions
            {
                ListenAddress = listenAddress,
                ListenPort = listenPort,
                TargetHost = targetHost,
                TargetPort = targetPort,
                ListenTls = listenTls?.Options,
                TargetTls = targetTls,
                Sink = sinks.Count switch
                {
                    0 => null,
                    1 => sinks[0],
                    _ => new TraceFanOut([.. sinks]),
                },
            };
            await using TraceRelay relay = TraceRelay.Start(options);
            _console.WriteErrorLine($"listening on {relay.LocalEndPoint}");
            foreach (string note in listenTls?.Notes ?? [])
            {
                _console.ReportNote(note);
            }

            _console.ReportNote($"relaying to {FormatTarget(targetHost, targetPort)}{(targetTls is null ? "" : " over TLS")}; Ctrl+C stops");
            await RunUntilStoppedAsync(relay, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            for (int i = disposables.Count - 1; i >= 0; i--)
            {
                disposables[i].Dispose();
            }
        }
    }

    /// <summary>Waits for Ctrl+C / SIGTERM; on a terminal, keeps a summary line up to date on stderr meanwhile.</summary>
    private async Task RunUntilStoppedAsync(TraceRelay relay, CancellationToken cancellationToken)
    {
        bool live = !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        using var timer = new PeriodicTimer(s_summaryPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (live)
                {
                    _console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                        $"\r\u001b[K{relay.ActiveConnections} open, {relay.TotalConnections} in all, client -> server {relay.BytesClientToServer:N0} bytes, server -> client {relay.BytesServerToClient:N0} bytes"));
                    _console.Error.Flush();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the relay is disposed by the caller, every connection gets its close event.
        }

        if (live)
        {
            _console.Error.Write("\r\u001b[K");
            _console.Error.Flush();
        }
    }

    /// <summary>Rejects a value that <paramref name="isValid"/> refuses: "Unknown WHAT 'x' for --option. Use one of: CHOICES."</summary>
    private static void AddChoiceValidator(Option<string> option, Func<string, bool> isValid, string what, string choices) =>
        option.Validators.Add(result =>
        {
            string? text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (text is not null && !isValid(text))
            {
                result.AddError($"Unknown {what} '{text}' for {option.Name}. Use one of: {choices}.");
            }
        });

    private static bool TryParseFormat(string text, out TraceFormat format)
    {
        (bool found, format) = text.Trim().ToUpperInvariant() switch
        {
            "TEXT" => (true, TraceFormat.Text),
            "HEX" => (true, TraceFormat.Hex),
            "JSONL" or "JSON" => (true, TraceFormat.Jsonl),
            _ => (false, TraceFormat.Text),
        };
        return found;
    }

    /// <summary><c>PORT</c>, <c>HOST:PORT</c>, <c>[V6]:PORT</c>.</summary>
    /// <exception cref="UsageException">Not one of those.</exception>
    internal static (string Host, int Port) ParseEndPoint(string text, string option, string? defaultHost, bool allowZeroPort)
    {
        string shape = defaultHost is null ? "HOST:PORT" : "[ADDR:]PORT";
        string host;
        string portText;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                throw new UsageException($"Invalid {option} '{text}': an IPv6 address goes in brackets followed by the port, e.g. [::1]:5000.");
            }

            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                throw new UsageException($"Invalid {option} '{text}': put an IPv6 address in brackets, e.g. [::1]:5000.");
            }

            host = colon < 0 ? defaultHost ?? "" : text[..colon];
            portText = colon < 0 ? text : text[(colon + 1)..];
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            throw new UsageException($"Invalid {option} '{text}': expected {shape}, e.g. 127.0.0.1:5000.");
        }

        int min = allowZeroPort ? 0 : 1;
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < min || port > 65535)
        {
            throw new UsageException($"Invalid port '{portText}' in {option} '{text}': use {min} to 65535{(allowZeroPort ? " (0 picks a free port)" : "")}.");
        }

        return (host, port);
    }

    private static string FormatTarget(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";

    private static FileStream OpenOutputFile(string path, string option)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException($"Cannot write the {option} file '{Path.GetFullPath(path)}': {ex.Message}", ex);
        }
    }
}
