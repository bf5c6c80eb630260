using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using WLSockets.Internal;

using WLSockets.Transports.Tcp;

namespace WLSockets.Transports.Tls;

/// <summary>
/// The accepting side of a TLS listener: accepts TCP clients in the background, runs each handshake concurrently
/// under its own timeout, and queues only the clients whose handshake succeeded. The listener's accepts take from
/// that queue, so a slow or silent client never holds up the others.
/// </summary>
/// <remarks>
/// At most <see cref="TlsServerOptions.MaxPendingConnections"/> clients are held between the TCP accept and the
/// application's accept (<see cref="_slots"/>); a slot is freed when a handshake fails or times out, or when the
/// application takes (or refuses) the connection. Beyond that, clients wait in the system's listen queue.
/// </remarks>
internal sealed class TlsAcceptQueue : IDisposable
{
    private static readonly TimeSpan s_acceptRetryDelay = TimeSpan.FromMilliseconds(50);
    private readonly Socket _listenSocket;
    private readonly TlsServerOptions _tls;
    private readonly bool _noDelay;
    private readonly SslStreamCertificateContext _certificate;
    private readonly ConcurrentQueue<TlsTransport> _ready = new();
    private readonly SemaphoreSlim _readyCount = new(0);
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<Socket, byte> _handshaking = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<IPEndPoint?, WLSocketException> _onFailure;
    private long _failed;

    public TlsAcceptQueue(Socket listenSocket, TlsServerOptions tls, bool noDelay, Action<IPEndPoint?, WLSocketException> onFailure)
    {
        _listenSocket = listenSocket;
        _tls = tls;
        _noDelay = noDelay;
        _onFailure = onFailure;
        _slots = new SemaphoreSlim(Math.Max(1, tls.MaxPendingConnections));
        _certificate = SslStreamCertificateContext.Create(tls.Certificate, additionalCertificates: null, offline: true);
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>How many clients failed their handshake so far.</summary>
    public long FailedHandshakes => Interlocked.Read(ref _failed);

    /// <summary>Waits until a handshaken client is ready, without taking it; false on timeout or when stopped.</summary>
    public bool WaitForReady(TimeSpan timeout)
    {
        if (_stop.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            // The semaphore's handle is set whenever its count is above zero: waiting on it takes nothing.
            int signalled = WaitHandle.WaitAny([_readyCount.AvailableWaitHandle, _stop.Token.WaitHandle], timeout);
            return signalled == 0 && !_stop.IsCancellationRequested;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Takes a ready client at once, or null when none is ready.</summary>
    public TlsTransport? TryTake() => _readyCount.Wait(0) ? Dequeue() : null;

    /// <summary>Takes a ready client, waiting until <paramref name="deadline"/>.</summary>
    /// <exception cref="WLSocketException">Timeout, or <see cref="WLSocketError.ConnectionReset"/> when the listener closed.</exception>
    public async ValueTask<TlsTransport> TakeAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        bool taken;
        try
        {
            taken = await _readyCount.EnterAsync(io, deadline, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw SocketErrors.Closed("Accept");
        }

        return taken ? Dequeue() : throw SocketErrors.TimedOut("Accept", ": no client completed its TLS handshake");
    }

    /// <summary>Closes every ready client with a reset (WinDev <c>SocketRefuse</c>); returns how many.</summary>
    public int DenyReady()
    {
        int denied = 0;
        while (TryTake() is { } transport)
        {
            transport.Close(reset: true);
            denied++;
        }

        return denied;
    }

    private TlsTransport Dequeue()
    {
        // Each count taken from _readyCount matches one queued transport, unless Dispose emptied the queue meanwhile.
        _slots.Release();
        return _ready.TryDequeue(out TlsTransport? transport) ? transport : throw SocketErrors.Closed("Accept");
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stopping = _stop.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                socket = await _listenSocket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return; // the listener closed
            }
            catch (SocketException)
            {
                // A client that reset before we took it, or a momentary shortage (too many open files): the
                // listener goes on; the pause keeps a persistent failure from spinning.
                _slots.Release();
                try
                {
                    await Task.Delay(s_acceptRetryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (DescriptorBudget.Refuse(socket, "TLS accept") is { } exhausted)
            {
                // Out of descriptors: the client was closed; report it like a failed handshake and pause as above.
                _slots.Release();
                _onFailure(null, exhausted);
                try
                {
                    await Task.Delay(s_acceptRetryDelay, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _ = HandshakeAsync(socket, stopping);
        }
    }

    private async Task HandshakeAsync(Socket socket, CancellationToken stopping)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        _handshaking.TryAdd(socket, 0);
        TlsTransport transport;
        try
        {
            socket.NoDelay = _noDelay;
            transport = await TlsHandshake.AcceptAsync(socket, _tls, _certificate, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WLSocketException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            _handshaking.TryRemove(socket, out _);
            socket.Dispose();
            if (!stopping.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                ReportFailure(remote, ex as WLSocketException ?? new WLSocketException(WLSocketError.TlsHandshakeFailed, $"TLS handshake with {remote} failed: {ex.Message}", ex));
            }

            _slots.Release(); // after the report: a failure is known before the next client's handshake can start
            return;
        }

        _handshaking.TryRemove(socket, out _);
        if (stopping.IsCancellationRequested)
        {
            transport.Close(reset: true);
            return;
        }

        _ready.Enqueue(transport);
        _readyCount.Release();
        if (stopping.IsCancellationRequested)
        {
            CloseReady(); // stopped meanwhile: Dispose may have emptied the queue before this one arrived
        }
    }

    private void ReportFailure(IPEndPoint? remote, WLSocketException error)
    {
        try
        {
            _onFailure(remote, error);
        }
#pragma warning disable CA1031 // An application's event handler must not break the listener's background accepts.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Deliberately ignored: see above.
        }
    }

    private void CloseReady()
    {
        while (_ready.TryDequeue(out TlsTransport? transport))
        {
            transport.Close(reset: true);
        }
    }

    /// <summary>Stops accepting, ends handshakes in progress and closes clients not yet taken.</summary>
    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        foreach (Socket socket in _handshaking.Keys)
        {
            socket.Dispose();
        }

        CloseReady();
    }
}
