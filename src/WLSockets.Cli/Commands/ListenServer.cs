using System.Collections.Concurrent;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Commands;

/// <summary>
/// The server behind <c>wlsock listen</c>: one async handler per client (no thread per client), every message printed
/// as one whole line.
/// </summary>
internal sealed class ListenServer(CliConsole console, FramingSettings framing, ServerTlsSetup? tls = null)
{
    /// <summary>How long stopping waits for clients to take their last bytes and close.</summary>
    private static readonly TimeSpan s_shutdownGrace = TimeSpan.FromSeconds(3);

    /// <summary>How long closing a client waits for its end of stream (everything sent is delivered either way).</summary>
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<long, Task> _clients = new();

    // Handshake warnings wait for the listening line, which must stay the first line on stderr.
    private readonly Lock _readyGate = new();
    private readonly List<string> _earlyWarnings = [];
    private bool _ready;
    private long _nextClientId;
    private int _reserved;
    private int _completed;

    public bool Hex { get; init; }

    public bool Echo { get; init; }

    public int? Count { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Listens until <see cref="Count"/> messages were handled or <paramref name="cancellationToken"/> fires.</summary>
    /// <exception cref="WLSocketException">The address or port cannot be listened on.</exception>
    public async Task RunAsync(string bind, int port, CancellationToken cancellationToken)
    {
        MessageConnectionOptions options = framing.ToOptions();
        options.CloseTimeout = s_closeTimeout;
        // Exclusive: fail with "address in use" when another program already listens on the port. The library's
        // WinDev-like default (address reuse) becomes SO_REUSEPORT on Linux, where a second listener on the same port
        // would silently share the incoming connections.
        using var listener = tls is null
            ? MessageListener.Start(bind, port, options, exclusiveAddress: true)
            : MessageListener.Start(bind, port, options, tls.Options, exclusiveAddress: true);
        listener.SetMarker(framing.Marker);
        listener.HandshakeFailed += (_, e) => ReportHandshakeFailure(e);
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        console.ReportListening(listener.LocalEndPoint);
        foreach (string note in tls is null ? [] : Verbose ? tls.Notes.Concat(tls.VerboseNotes) : tls.Notes)
        {
            console.ReportNote(note);
        }

        if (framing.Warning is not null)
        {
            console.ReportWarning(framing.Warning);
        }

        if (Verbose)
        {
            console.ReportNote($"framing: {framing.Describe()}{(tls is null ? "" : ", inside TLS")}");
        }

        lock (_readyGate)
        {
            _ready = true;
            foreach (string warning in _earlyWarnings)
            {
                console.ReportWarning(warning);
            }
        }

        await AcceptLoopAsync(listener, stop);
        listener.Dispose();
        Task all = Task.WhenAll(_clients.Values);
        try
        {
            await all.WaitAsync(s_shutdownGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // A client did not close its side in time: its socket is released when the process exits.
        }
    }

    private async Task AcceptLoopAsync(MessageListener listener, CancellationTokenSource stopSource)
    {
        CancellationToken stop = stopSource.Token;
        while (!stop.IsCancellationRequested)
        {
            MessageConnection connection;
            try
            {
                connection = await listener.AcceptAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (WLSocketException ex)
            {
                console.ReportWarning($"accept failed: {ex.Message}");
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            long id = Interlocked.Increment(ref _nextClientId);
            _clients[id] = ServeClientAsync(id, connection, stopSource);
        }
    }

    private async Task ServeClientAsync(long id, MessageConnection connection, CancellationTokenSource stopSource)
    {
        CancellationToken stop = stopSource.Token;
        string client = connection.RemoteEndPoint?.ToString() ?? $"#{id}";
        if (Verbose)
        {
            string session = connection.TlsSession is { } tlsSession
                ? $" ({TlsCertificates.DescribeSession(tlsSession)}{(tlsSession.RemoteCertificate is { } certificate ? ", client certificate " + certificate.Subject : "")})"
                : "";
            console.ReportNote($"client {client} connected{session}");
        }

        bool warnedDataAfterMarker = false;
        try
        {
            while (true)
            {
                byte[] message = await connection.ReceiveAsync(stop);
                if (Count is int max && Interlocked.Increment(ref _reserved) > max)
                {
                    return; // the last counted message is being handled by another client
                }

                bool last = false;
                try
                {
                    if (!TryPrint(message))
                    {
                        await stopSource.CancelAsync();
                        return;
                    }

                    if (connection.LastReceiveHadDataAfterMarker && !warnedDataAfterMarker)
                    {
                        warnedDataAfterMarker = true;
                        console.ReportWarning($"client {client} sent more bytes after an end marker in the same receive. WinDev (SocketMarqueurFin) reports an error and drops them; wlsock keeps them as the next message. Use --mode endtag-buffer for peers that send several messages at once.");
                    }

                    if (Echo)
                    {
                        // Not cancelled by stopping: a send cut in the middle would leave half a frame on the wire.
                        await connection.SendAsync(message, CancellationToken.None);
                    }
                }
                finally
                {
                    // Counted even when the echo fails, so a client that resets cannot keep --count from being reached.
                    if (Count is int total && Interlocked.Increment(ref _completed) == total)
                    {
                        last = true;
                        await stopSource.CancelAsync();
                    }
                }

                if (last)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping (Ctrl+C, SIGTERM or --count reached).
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.ConnectionClosed && connection.BufferedByteCount == 0)
        {
            if (Verbose)
            {
                console.ReportNote($"client {client} disconnected");
            }
        }
        catch (WLSocketException ex) when (ex.Error == WLSocketError.ConnectionReset)
        {
            if (Verbose)
            {
                console.ReportNote($"client {client} reset the connection");
            }
        }
        catch (WLSocketException ex)
        {
            console.ReportWarning($"client {client}: {ex.Message} Closing this client.");
        }
        finally
        {
            await CloseQuietlyAsync(connection);
            _clients.TryRemove(id, out _);
        }
    }

    /// <summary>One warning line per client whose TLS handshake failed; the listener keeps serving the others.</summary>
    private void ReportHandshakeFailure(TlsHandshakeFailedEventArgs failure)
    {
        string warning = TlsMessages.HandshakeWarning(failure);
        lock (_readyGate)
        {
            if (!_ready)
            {
                _earlyWarnings.Add(warning);
                return;
            }
        }

        console.ReportWarning(warning);
    }

    /// <summary>Prints one message as one line; false when stdout can no longer be written.</summary>
    private bool TryPrint(byte[] message)
    {
        try
        {
            console.WriteLine(ByteFormat.ForLine(message, Hex, framing.Encoding));
            return true;
        }
        catch (IOException)
        {
            // stdout is gone: nobody reads the messages any more, so the server stops.
            return false;
        }
    }

    private static async Task CloseQuietlyAsync(MessageConnection connection)
    {
        try
        {
            await connection.CloseAsync();
        }
        catch (WLSocketException)
        {
            // Closing a connection the peer already reset: nothing left to deliver.
        }
    }
}
