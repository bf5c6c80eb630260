using System.CommandLine;
using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary>
/// <c>wlsock ws URL</c>: an interactive WebSocket client. Each stdin line goes as one text message (<c>--hex</c>:
/// binary), each message received is printed on its own stdout line, until stdin ends (closing handshake) or the
/// server closes.
/// </summary>
internal sealed class WsCommand : Command
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    private readonly CliConsole _console;
    private readonly ProxyOptions _proxy;

    private readonly Argument<string> _url = new("URL")
    {
        Description = "ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH (IPv6 in brackets: ws://[::1]:8080/).",
    };

    private readonly Option<string[]> _protocols = new("--protocol", "-p")
    {
        Description = "Offer this sub-protocol (Sec-WebSocket-Protocol); repeat to offer several, in order of preference. The one the server chose is noted with --verbose.",
        HelpName = "P",
    };

    private readonly Option<bool> _insecure = new("--insecure")
    {
        Description = "With wss://: accept ANY server certificate (self-signed, expired, another name). Encrypted but not authenticated: for tests only.",
    };

    private readonly Option<string> _ca = new("--ca")
    {
        Description = "With wss://: trust this certificate authority, or this self-signed server certificate, instead of the system's roots (PEM or DER). The name is still checked.",
        HelpName = "FILE",
    };

    private readonly Option<int?> _timeout = NumberArguments.AtLeast("--timeout", "-t", 1, "MS",
        "Milliseconds allowed to connect (proxy, TLS handshake and HTTP upgrade included). Default 5000.");

    private readonly Option<int?> _linger = NumberArguments.AtLeast("--linger", "-l", 1, "MS",
        "After the end of stdin, keep printing the messages that still arrive until none has come for MS milliseconds, then close. Default 500.");

    private readonly Option<bool> _hex = new("--hex", "-x")
    {
        Description = "Stdin lines are hex, sent as binary messages. Binary messages are always printed as lowercase hex, text messages as they are.",
    };

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also note on stderr the connection (addresses, sub-protocol chosen) and the closing.",
    };

    public WsCommand(CliConsole console, ProxyOptions proxy)
        : base("ws", "WebSocket client: send each stdin line as one message, print each message received on its own line; close when stdin ends or the server closes.")
    {
        _console = console;
        _proxy = proxy;
        Arguments.Add(_url);
        Options.Add(_protocols);
        Options.Add(_insecure);
        Options.Add(_ca);
        Options.Add(_timeout);
        Options.Add(_linger);
        Options.Add(_hex);
        Options.Add(_verbose);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        string text = parseResult.GetValue(_url) ?? "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeWs && uri.Scheme != Uri.UriSchemeWss))
        {
            throw new UsageException($"Not a WebSocket URL: '{text}'. Use ws://HOST[:PORT]/PATH or wss://HOST[:PORT]/PATH.");
        }

        bool secure = uri.Scheme == Uri.UriSchemeWss;
        if (!secure && (OptionChecks.Given(parseResult, _insecure) || OptionChecks.Given(parseResult, _ca)))
        {
            throw new UsageException("--insecure and --ca are for wss:// URLs (WebSocket over TLS).");
        }

        OptionChecks.Exclusive(parseResult, "choose one way to trust the server: --ca (validate against this CA) or --insecure (any certificate).", _ca, _insecure);
        var options = new WebSocketConnectionOptions
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(parseResult.GetValue(_timeout) ?? 5000),
            Proxy = _proxy.Resolve(parseResult),
        };
        foreach (string protocol in parseResult.GetValue(_protocols) ?? [])
        {
            options.SubProtocols.Add(protocol);
        }

        if (secure)
        {
            var tls = new TlsClientOptions { AllowInvalidCertificate = parseResult.GetValue(_insecure) };
            if (parseResult.GetValue(_ca) is { } caPath)
            {
                tls.TrustedCertificates = TlsCertificates.LoadTrusted(caPath, "--ca");
            }

            options.Tls = tls;
        }

        bool hex = parseResult.GetValue(_hex);
        bool verbose = parseResult.GetValue(_verbose);
        var linger = TimeSpan.FromMilliseconds(parseResult.GetValue(_linger) ?? 500);
        WebSocketConnection connection;
        try
        {
            connection = await WebSocketConnection.ConnectAsync(uri, options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.ReportError("interrupted while connecting.");
            return ExitCodes.Interrupted;
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (WLSocketException ex) when (secure)
        {
            throw TlsMessages.ForClient(ex);
        }

        if (verbose)
        {
            string via = options.Proxy is { } proxy ? $" through {proxy}" : "";
            _console.ReportNote($"connected to {uri}{via} from {connection.LocalEndPoint} (sub-protocol: {connection.SubProtocol ?? "none"})");
        }

        var session = new Session(connection, _console, hex, linger);
        try
        {
            Task<int?> receiving = session.ReceiveLoopAsync(cancellationToken);
            Task sending = session.SendLoopAsync(cancellationToken);
            Task first = await Task.WhenAny(receiving, sending);
            if (first == sending && sending.Exception?.InnerException is WLSocketException { Error: WLSocketError.ConnectionClosed or WLSocketError.ConnectionReset })
            {
                // The server closed or dropped the connection while we were sending: the receive side says how.
                first = receiving;
            }

            if (first == sending)
            {
                await sending; // bad hex, a send timeout ...: thrown
            }

            int? ended = await receiving;
            if (ended is { } code)
            {
                connection.Abort();
                return code;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await connection.CloseAsync();
            if (verbose)
            {
                _console.ReportNote($"closed (status {connection.CloseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.ReportError("interrupted: the connection was closed.");
            await connection.CloseAsync();
            return ExitCodes.Interrupted;
        }
        catch
        {
            connection.Abort();
            throw;
        }
    }

    /// <summary>The two halves of one connection: stdin to the server, the server to stdout.</summary>
    private sealed class Session(WebSocketConnection connection, CliConsole console, bool hex, TimeSpan linger)
    {
        private long _inputEndedTicks = -1;
        private long _lastActivityTicks;

        /// <summary>Sends each stdin line; marks the end of input.</summary>
        public async Task SendLoopAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            try
            {
                using var reader = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (hex)
                    {
                        await connection.SendAsync(ByteFormat.ParseHex(line), cancellationToken);
                    }
                    else
                    {
                        await connection.SendAsync(line, cancellationToken);
                    }

                    Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64);
                Interlocked.Exchange(ref _inputEndedTicks, Environment.TickCount64);
            }
        }

        /// <summary>
        /// Prints every message. Null once stdin has ended and nothing arrived for the linger time (we close);
        /// an exit code when the server closed (1000/1001: 0, otherwise 1 with an error line).
        /// </summary>
        public async Task<int?> ReceiveLoopAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            while (true)
            {
                WebSocketMessage message;
                try
                {
                    message = await connection.ReceiveAsync(s_poll, cancellationToken);
                }
                catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
                {
                    if (Interlocked.Read(ref _inputEndedTicks) >= 0
                        && Environment.TickCount64 - Interlocked.Read(ref _lastActivityTicks) >= (long)linger.TotalMilliseconds)
                    {
                        return null;
                    }

                    continue;
                }
                catch (WLSocketException ex) when (ex.Error == WLSocketError.ConnectionClosed && connection.CloseStatus is { } status)
                {
                    string reason = connection.CloseStatusDescription is { } why ? $": \"{why}\"" : "";
                    if (status is 1000 or 1001)
                    {
                        console.ReportNote($"the server closed the connection (status {status}{reason}).");
                        return ExitCodes.Success;
                    }

                    console.ReportError($"the server closed the connection with status {status}{reason}.");
                    return ExitCodes.Failure;
                }

                Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64);
                console.WriteLine(message.IsText ? message.Text : ByteFormat.ToHex(message.Data));
            }
        }
    }
}
