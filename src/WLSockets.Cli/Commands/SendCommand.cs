using System.CommandLine;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary><c>wlsock send HOST PORT [MESSAGE...]</c>: a client that sends messages and optionally prints the replies.</summary>
internal sealed class SendCommand : Command
{
    private readonly CliConsole _console;
    private readonly ProxyOptions _proxy;

    private readonly Argument<string> _host = new("HOST")
    {
        Description = "Server address or name: 127.0.0.1, ::1, [::1], localhost, a host name.",
    };

    private readonly Argument<int> _port = NumberArguments.Port("Server TCP port, 1 to 65535.", allowZero: false);

    private readonly FramingOptions _framing = new();

    private readonly SendInputOptions _input = new();

    private readonly Option<int?> _timeout = NumberArguments.AtLeast("--timeout", "-t", 1, "MS",
        "Milliseconds allowed to connect (name resolution and TLS handshake included) and to wait for each reply. Default 5000.");

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also note on stderr the connection (local and remote address) and, with --tls, the protocol, cipher suite and server certificate negotiated.",
    };

    private readonly ClientTlsOptions _tls = new();

    public SendCommand(CliConsole console, ProxyOptions proxy)
        : base("send", "Connect to a server, send each MESSAGE (or each stdin line) as one message, optionally print one reply per message, then close gracefully.")
    {
        _console = console;
        _proxy = proxy;
        Arguments.Add(_host);
        Arguments.Add(_port);
        _input.AddTo(this, _framing);
        Options.Add(_timeout);
        Options.Add(_verbose);
        _tls.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        FramingSettings framing = _framing.Resolve(parseResult);
        if (framing.Warning is not null)
        {
            _console.ReportWarning(framing.Warning);
        }

        bool hex = parseResult.GetValue(_input.Hex);
        bool reply = parseResult.GetValue(_input.Reply);
        var timeout = TimeSpan.FromMilliseconds(parseResult.GetValue(_timeout) ?? 5000);
        string host = parseResult.GetValue(_host) ?? "";
        int port = parseResult.GetValue(_port);
        string[] arguments = parseResult.GetValue(_input.Messages) ?? [];

        // Bad hex in the arguments is a usage error before anything is sent.
        List<byte[]>? given = arguments.Length > 0 ? [.. arguments.Select(m => MessageInput.Encode(m, hex, framing.Encoding))] : null;

        ClientTlsSetup? tls = _tls.Resolve(parseResult);
        bool verbose = parseResult.GetValue(_verbose);
        MessageConnectionOptions options = framing.ToOptions();
        options.ConnectTimeout = timeout;
        options.Tls = tls?.Options;
        options.Proxy = _proxy.Resolve(parseResult);
        MessageConnection connection;
        try
        {
            connection = await MessageConnection.ConnectAsync(host, port, options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _console.ReportError("interrupted while connecting.");
            return ExitCodes.Interrupted;
        }
        catch (WLSocketException ex) when (tls is not null)
        {
            throw tls.Explain(ex, host, port);
        }

        if (verbose)
        {
            string via = options.Proxy is { } proxy ? $" through {proxy} to {host}:{port}" : "";
            _console.ReportNote($"connected from {connection.LocalEndPoint} to {connection.RemoteEndPoint}{via} ({framing.Describe()})");
            if (connection.TlsSession is { } session)
            {
                string certificate = session.RemoteCertificate is { } server
                    ? $"; server certificate {TlsCertificates.Describe(server)}, SHA-256 {TlsCertificates.Sha256Fingerprint(server)}"
                    : "";
                _console.ReportNote($"TLS: {TlsCertificates.DescribeSession(session)}, server name {session.TargetHost}{certificate}");
            }
        }

        try
        {
            connection.SetMarker(framing.Marker);
            IAsyncEnumerable<byte[]> messages = given is not null ? given.ToAsyncEnumerable() : MessageInput.ReadStdinAsync(hex, framing.Encoding, cancellationToken);
            await foreach (byte[] message in messages.WithCancellation(cancellationToken))
            {
                await connection.SendAsync(message, cancellationToken);
                if (reply)
                {
                    byte[] answer = await ReceiveReplyAsync(connection, timeout, cancellationToken);
                    _console.WriteLine(ByteFormat.ForLine(answer, hex, framing.Encoding));
                }
            }

            // Ctrl+C may end a stdin read as if it were the end of input: what was sent still gets delivered.
            cancellationToken.ThrowIfCancellationRequested();
            await connection.CloseAsync();
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

    private static async Task<byte[]> ReceiveReplyAsync(MessageConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.ReceiveAsync(timeout, cancellationToken);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout)
        {
            throw new WLSocketException(WLSocketError.Timeout,
                $"No reply within {timeout.TotalMilliseconds:0} ms. Check that the server answers and uses the same --mode (and --marker), or allow longer with --timeout.", ex);
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.ConnectionClosed && connection.BufferedByteCount == 0)
        {
            string tls = connection.TlsSession is null ? "" :
                " Over TLS 1.3, a server that requires a client certificate also closes like this when it gets none (give one with --cert FILE) or refuses ours.";
            throw new WLSocketException(WLSocketError.ConnectionClosed,
                "The server closed the connection without replying. Check that it answers each message (for a wlsock server: listen --echo)." + tls, ex);
        }
    }
}
