using System.Buffers;
using System.Net.Sockets;
using WLSockets.Internal;
using WLSockets.Transports.Tcp;
using WLSockets.Transports.Tls;

namespace WLSockets.Relay;

/// <summary>
/// One accepted client and its own connection to the target: two pumps, one per direction, each with one fixed buffer.
/// A pump reads, reports, then writes and waits for the write before reading again, so a side that stops reading
/// stops the other side's reads (back-pressure); at most one buffer per direction is held.
/// </summary>
internal sealed class RelayConnection
{
    private readonly TraceRelay _relay;
    private readonly Socket _accepted;
    private readonly ITraceSink? _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private RelayLeg? _client;
    private RelayLeg? _server;
    private long _bytesClientToServer;
    private long _bytesServerToClient;
    private TraceCloseReason _reason = TraceCloseReason.Normal;
    private TraceDirection? _resetBy;
    private bool _ended;

    public RelayConnection(TraceRelay relay, long id, Socket accepted)
    {
        _relay = relay;
        Id = id;
        _accepted = accepted;
        _sink = relay.Options.Sink;
        _time = relay.Options.TimeProvider;
    }

    public long Id { get; }

    public async Task RunAsync()
    {
        TraceRelayOptions options = _relay.Options;
        try
        {
            _accepted.NoDelay = true;
            RelayLeg client;
            RelayLeg server;
            try
            {
                client = options.ListenTls is { } listenTls
                    ? RelayLeg.Of(await TlsHandshake.AcceptAsync(_accepted, listenTls, _relay.CertificateContext!, _relay.Stopping).ConfigureAwait(false), _accepted)
                    : RelayLeg.Of(_accepted);
                Publish(ref _client, client);
                Deadline deadline = Deadline.After(options.ConnectTimeout);
                if (options.TargetTls is { } targetTls)
                {
                    TlsTransport tls = await TlsHandshake.ConnectAsync(options.TargetHost, options.TargetPort, noDelay: true, targetTls, proxy: null, deadline, _relay.Stopping).ConfigureAwait(false);
                    server = RelayLeg.Of(tls, tls.Socket);
                }
                else
                {
                    server = RelayLeg.Of(await TcpConnector.ConnectAsync(options.TargetHost, options.TargetPort, noDelay: true, deadline, _relay.Stopping).ConfigureAwait(false));
                }

                Publish(ref _server, server);
            }
            catch (WLSocketException ex) when (!IsAborted)
            {
                string side = _client is null ? "the TLS handshake with the client failed" : $"cannot connect to the target {TcpConnector.FormatTarget(options.TargetHost, options.TargetPort)}";
                _sink?.OnError(Now(), Id, new WLSocketException(WLSocketError.RelayConnectFailed,
                    $"Connection #{Id}: {side}: {ex.Message} The client's connection was closed.", ex) { SocketErrorCode = ex.SocketErrorCode });
                _reason = TraceCloseReason.Error;
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException or WLSocketException)
            {
                _reason = TraceCloseReason.Stopped; // stopped during the handshake or the connect
                return;
            }

            _sink?.OnOpen(Now(), new TraceConnection(Id, client.Remote, client.Local, server.Local, server.Remote));
            await Task.WhenAll(
                PumpAsync(client, server, TraceDirection.ClientToServer),
                PumpAsync(server, client, TraceDirection.ServerToClient)).ConfigureAwait(false);
        }
        finally
        {
            bool reset;
            lock (_gate)
            {
                _ended = true;
                reset = _reason == TraceCloseReason.Reset;
            }

            _client?.Close(reset);
            _server?.Close(reset);
            if (_client is null)
            {
                _accepted.Dispose();
            }

            _sink?.OnClose(Now(), new TraceClose(Id, _reason, _resetBy, Volatile.Read(ref _bytesClientToServer), Volatile.Read(ref _bytesServerToClient)));
        }
    }

    /// <summary>The relay is stopping: close both sides, which ends both pumps.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            if (_reason == TraceCloseReason.Normal)
            {
                _reason = TraceCloseReason.Stopped;
            }
        }

        _client?.Close(reset: false);
        _server?.Close(reset: false);
        _accepted.Dispose();
    }

    private void Publish(ref RelayLeg? field, RelayLeg leg)
    {
        bool stopped;
        lock (_gate)
        {
            field = leg;
            stopped = _reason == TraceCloseReason.Stopped;
        }

        if (stopped)
        {
            leg.Close(reset: false);
            throw new OperationCanceledException("The relay is stopping.");
        }
    }

    private async Task PumpAsync(RelayLeg from, RelayLeg to, TraceDirection direction)
    {
        int size = _relay.Options.BufferSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        bool toClient = direction == TraceDirection.ServerToClient;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await from.ReadAsync(buffer.AsMemory(0, size), CancellationToken.None).ConfigureAwait(false);
                }
                catch (RelayLegException ex)
                {
                    Abort(ex, direction, isRead: true, from, to);
                    return;
                }

                if (read == 0)
                {
                    if (!IsAborted)
                    {
                        to.ShutdownSend();
                        _sink?.OnHalfClose(Now(), Id, direction);
                    }

                    return;
                }

                _relay.AddBuffered(read);
                try
                {
                    if (_sink is { WantsData: true } sink)
                    {
                        sink.OnData(Now(), Id, direction, buffer.AsSpan(0, read));
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None).ConfigureAwait(false);
                }
                catch (RelayLegException ex)
                {
                    Abort(ex, direction, isRead: false, from, to);
                    return;
                }
                finally
                {
                    _relay.AddBuffered(-read);
                }

                if (toClient)
                {
                    Interlocked.Add(ref _bytesServerToClient, read);
                }
                else
                {
                    Interlocked.Add(ref _bytesClientToServer, read);
                }

                _relay.AddRelayed(direction, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool IsAborted
    {
        get
        {
            lock (_gate)
            {
                return _reason != TraceCloseReason.Normal;
            }
        }
    }

    /// <summary>
    /// A read or write failed. A reset by one side resets the other side (linger 0, so it sees RST); any other failure
    /// is reported and closes both. Failures that follow the first one (the other pump noticing the close) are ignored.
    /// </summary>
    private void Abort(RelayLegException ex, TraceDirection direction, bool isRead, RelayLeg from, RelayLeg to)
    {
        TraceDirection other = direction == TraceDirection.ClientToServer ? TraceDirection.ServerToClient : TraceDirection.ClientToServer;
        lock (_gate)
        {
            if (_reason != TraceCloseReason.Normal)
            {
                return;
            }

            _reason = ex.IsReset ? TraceCloseReason.Reset : TraceCloseReason.Error;

            // A read fails when the sender of this direction reset; a write when the receiver (the sender of the other direction) did.
            _resetBy = ex.IsReset ? (isRead ? direction : other) : null;
        }

        if (!ex.IsReset)
        {
            _sink?.OnError(Now(), Id, new WLSocketException(WLSocketError.NetworkError, $"Connection #{Id}: {ex.Message}", ex));
        }

        // Wake the other pump: it ends on its own read or write failure, which is then ignored.
        (isRead ? to : from).Close(reset: true);
        (isRead ? from : to).Close(reset: true);
    }

    private long Now() => TraceClock.Now(_time);
}
