using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using WLSockets.Transports.Tcp;

namespace WLSockets.Relay;

/// <summary>
/// A tracing TCP relay (WinDev's "WD Trace Socket", and beyond): it listens, and for every accepted client opens its own
/// connection to the target and copies both directions unchanged, telling an <see cref="ITraceSink"/> what passes.
/// </summary>
/// <remarks>
/// <para>Back-pressure: each direction holds at most <see cref="TraceRelayOptions.BufferSize"/> bytes; a side that stops
/// reading stops the relay reading the other side, so memory stays bounded whatever the peers do.</para>
/// <para>Half-close is passed on (an end of stream from one side becomes <c>Shutdown(Send)</c> on the other while the
/// other direction keeps flowing), and so is a reset (the other side is closed with linger 0 and sees RST). A target
/// that cannot be reached closes the client's connection and reports an error event
/// (<see cref="WLSocketError.RelayConnectFailed"/>).</para>
/// <para>Thread-safe. Any number of connections at once, one async pump per direction (no thread per connection).</para>
/// </remarks>
public sealed class TraceRelay : IAsyncDisposable, IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, (RelayConnection Connection, Task Run)> _connections = new();
    private readonly Task _acceptLoop;
    private long _nextId;
    private long _buffered;
    private long _bytesClientToServer;
    private long _bytesServerToClient;
    private int _disposed;

    private TraceRelay(TraceRelayOptions options, Socket listener)
    {
        Options = options;
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        if (options.ListenTls is { } tls)
        {
            CertificateContext = SslStreamCertificateContext.Create(tls.Certificate, additionalCertificates: null, offline: true);
        }

        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where the relay listens (with the port picked when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open now.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Clients accepted since the start.</summary>
    public long TotalConnections => Interlocked.Read(ref _nextId);

    /// <summary>Bytes relayed from clients to the target, every connection together.</summary>
    public long BytesClientToServer => Interlocked.Read(ref _bytesClientToServer);

    /// <summary>Bytes relayed from the target to clients, every connection together.</summary>
    public long BytesServerToClient => Interlocked.Read(ref _bytesServerToClient);

    /// <summary>
    /// Bytes read from one side and not yet written to the other, every connection together. At most
    /// 2 × <see cref="TraceRelayOptions.BufferSize"/> per connection.
    /// </summary>
    public long BufferedBytes => Interlocked.Read(ref _buffered);

    internal TraceRelayOptions Options { get; }

    internal SslStreamCertificateContext? CertificateContext { get; }

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Starts listening; connections are accepted in the background until disposed.</summary>
    /// <exception cref="ArgumentException">Options out of range (port, buffer size, empty target).</exception>
    /// <exception cref="WLSocketException">The address or port cannot be listened on (<see cref="WLSocketError.AddressInUse"/> ...).</exception>
    public static TraceRelay Start(TraceRelayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Exclusive: a second program on the same port fails instead of sharing the incoming connections.
        Socket listener = TcpListenSocket.Create(options.ListenAddress, options.ListenPort, reuseAddress: false);
        return new TraceRelay(options, listener);
    }

    internal void AddBuffered(int bytes) => Interlocked.Add(ref _buffered, bytes);

    internal void AddRelayed(TraceDirection direction, int bytes) =>
        Interlocked.Add(ref direction == TraceDirection.ClientToServer ? ref _bytesClientToServer : ref _bytesServerToClient, bytes);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (!_stopping.IsCancellationRequested)
            {
                // Out of file descriptors or a connection reset while queued: report it and keep accepting.
                Options.Sink?.OnError(TraceClock.Now(Options.TimeProvider), 0,
                    new WLSocketException(WLSocketError.NetworkError, $"Accept failed on {LocalEndPoint}: {ex.Message}; the relay keeps listening.", ex) { SocketErrorCode = ex.SocketErrorCode });
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }
            catch (SocketException)
            {
                return;
            }

            long id = Interlocked.Increment(ref _nextId);
            var connection = new RelayConnection(this, id, accepted);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task run = RunConnectionAsync(connection, started.Task);
            _connections[id] = (connection, run);
            started.SetResult();
        }
    }

    private async Task RunConnectionAsync(RelayConnection connection, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
        }
    }

    /// <summary>Stops listening and closes every relayed connection (each gets its close event).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        var running = new List<Task>();
        foreach ((RelayConnection connection, Task run) in _connections.Values)
        {
            connection.Stop();
            running.Add(run);
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
