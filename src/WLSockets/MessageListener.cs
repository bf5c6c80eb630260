using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Internal;
using WLSockets.Messaging;
using WLSockets.Transports;
using WLSockets.Transports.Bluetooth;
using WLSockets.Transports.Infrared;
using WLSockets.Transports.Tcp;
using WLSockets.Transports.Tls;

namespace WLSockets;

/// <summary>
/// A listening TCP socket that hands out <see cref="MessageConnection"/>s. Accepted connections start with the
/// listener's current <see cref="Mode"/>, marker and <see cref="Encoding"/> (as WinDev channels inherit them).
/// </summary>
/// <remarks>
/// <para>Thread-safe: accepts may run on several threads; <see cref="Dispose"/> from any thread makes waiting accepts fail
/// with <see cref="WLSocketError.ConnectionReset"/> (and waits for connection return false).</para>
/// <para>A TLS listener (started with <see cref="TlsServerOptions"/>) runs each client's handshake in the background;
/// the accept methods only ever see clients whose handshake succeeded, and a pending connection is one that is
/// handshaken and ready. Failed handshakes are reported by <see cref="HandshakeFailed"/>.</para>
/// </remarks>
public sealed class MessageListener : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan s_pollSlice = TimeSpan.FromMilliseconds(100);
    private readonly Socket _socket;
    private readonly MessageConnectionOptions _options;
    private readonly CancellationTokenSource _disposed = new();
    private readonly TlsAcceptQueue? _tls;
    private readonly bool _nativeFamily;
    private volatile FramingState _framing;

    private MessageListener(Socket socket, MessageConnectionOptions options, TlsServerOptions? tls = null)
    {
        _socket = socket;
        _options = options;
        _framing = FramingState.Create(options.Mode, options.Marker, options.Encoding);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        if (tls is not null)
        {
            _tls = new TlsAcceptQueue(socket, tls, options.NoDelay, (remote, error) => HandshakeFailed?.Invoke(this, new TlsHandshakeFailedEventArgs(remote, error)));
        }
    }

    /// <summary>
    /// A listener of a family the BCL does not accept on by itself (Bluetooth RFCOMM, IrDA): <see cref="LocalEndPoint"/>
    /// carries the RFCOMM channel (0 for IrDA) as its port. Accepts go through <see cref="RfcommSockets.TryAccept"/>
    /// (libc accept on Linux); the tests hand it a Unix-domain listener in place of the RFCOMM one.
    /// </summary>
    internal MessageListener(Socket socket, int channel, MessageConnectionOptions options)
    {
        _socket = socket;
        _options = options;
        _nativeFamily = true;
        _framing = FramingState.Create(options.Mode, options.Marker, options.Encoding);
        LocalEndPoint = new IPEndPoint(IPAddress.Any, channel);
    }

    /// <summary>
    /// Listens for Bluetooth RFCOMM clients on the service's channel (a channel number), or on the first free channel
    /// (a service UUID). The accepted connections behave as TCP ones (framing, timeouts, close).
    /// </summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.NotSupported"/> when this system has no Bluetooth sockets.</exception>
    internal static MessageListener StartBluetooth(BluetoothService service, MessageConnectionOptions options)
    {
        (Socket socket, int channel) = RfcommSockets.Listen(service);
        return new MessageListener(socket, channel, options.Clone());
    }

    /// <summary>Listens for infrared (IrDA) clients of <paramref name="serviceName"/> (Windows with an IrDA stack only).</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.NotSupported"/> when this system has no IrDA sockets.</exception>
    internal static MessageListener StartInfrared(string serviceName, MessageConnectionOptions options) =>
        new(IrdaSockets.Listen(serviceName), 0, options.Clone());

    /// <summary>
    /// Binds and listens on <paramref name="address"/>:<paramref name="port"/>.
    /// </summary>
    /// <param name="address">Empty = every IPv4 interface (WinDev's default); <c>::</c> = IPv6 and IPv4; a literal or
    /// host name = that address only (<c>127.0.0.1</c> for loopback only).</param>
    /// <param name="port">1 to 65535, or 0 to let the OS pick a free port (read it back from <see cref="LocalEndPoint"/>).</param>
    /// <param name="options">Settings that accepted connections start with.</param>
    /// <param name="exclusiveAddress">True to fail when the port is still held by a closing socket (WinDev <c>SocketAdresseUnique</c>).</param>
    /// <exception cref="WLSocketException">Port in use, address not local, permission denied.</exception>
    public static MessageListener Start(string address, int port, MessageConnectionOptions? options = null, bool exclusiveAddress = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "Invalid port number: use 1 to 65535, or 0 for any free port.");
        }

        options = (options ?? new MessageConnectionOptions()).Clone();
        return new MessageListener(TcpListenSocket.Create(address, port, reuseAddress: !exclusiveAddress), options);
    }

    /// <summary>
    /// Binds and listens for TLS clients on <paramref name="address"/>:<paramref name="port"/>. Each client completes
    /// its handshake in the background (at most <see cref="TlsServerOptions.HandshakeTimeout"/>) before any accept sees it.
    /// </summary>
    /// <param name="address">As for <see cref="Start(string, int, MessageConnectionOptions?, bool)"/>.</param>
    /// <param name="port">1 to 65535, or 0 to let the OS pick a free port.</param>
    /// <param name="options">Settings that accepted connections start with (<see cref="MessageConnectionOptions.Tls"/> is ignored here).</param>
    /// <param name="tls">The server certificate and the TLS settings.</param>
    /// <param name="exclusiveAddress">True to fail when the port is still held by a closing socket (WinDev <c>SocketAdresseUnique</c>).</param>
    /// <exception cref="WLSocketException">Port in use, address not local, permission denied.</exception>
    public static MessageListener Start(string address, int port, MessageConnectionOptions? options, TlsServerOptions tls, bool exclusiveAddress = false)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(tls);
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "Invalid port number: use 1 to 65535, or 0 for any free port.");
        }

        options = (options ?? new MessageConnectionOptions()).Clone();
        Socket socket = TcpListenSocket.Create(address, port, reuseAddress: !exclusiveAddress);
        try
        {
            return new MessageListener(socket, options, tls.Clone());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when this listener accepts TLS clients.</summary>
    public bool IsTls => _tls is not null;

    /// <summary>
    /// Raised (on a background thread) when a client of a TLS listener failed its handshake and was closed: it did not
    /// speak TLS, refused our certificate, presented a bad one, or did not finish in time. Such clients never reach
    /// the accept methods.
    /// </summary>
    public event EventHandler<TlsHandshakeFailedEventArgs>? HandshakeFailed;

    /// <summary>How many clients of this TLS listener failed their handshake so far (0 for a plain TCP listener).</summary>
    public long FailedHandshakeCount => _tls?.FailedHandshakes ?? 0;

    /// <summary>
    /// The address and port listened on (with the real port when 0 was asked). For a Bluetooth RFCOMM listener:
    /// <see cref="IPAddress.Any"/> and the RFCOMM channel (1–30) clients connect to.
    /// </summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Mode that accepted connections start with.</summary>
    public TransmissionMode Mode
    {
        get => _framing.Mode;
        set => _framing = _framing.WithMode(value);
    }

    /// <summary>End marker that accepted connections start with.</summary>
    public ReadOnlyMemory<byte> Marker => _framing.Marker;

    /// <summary>Encoding that accepted connections start with.</summary>
    public Encoding Encoding
    {
        get => _framing.Encoding;
        set => _framing = _framing.WithEncoding(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Changes mode and marker together for connections accepted from now on.</summary>
    public void SetMode(TransmissionMode mode, string marker) => _framing = _framing.WithMarker(marker).WithMode(mode);

    /// <summary>Sets the end marker from text for connections accepted from now on.</summary>
    public void SetMarker(string marker) => _framing = _framing.WithMarker(marker);

    /// <summary>Sets the end marker as exact bytes for connections accepted from now on.</summary>
    public void SetMarker(ReadOnlySpan<byte> marker) => _framing = _framing.WithMarker(marker);

    /// <summary>Changes mode and marker (as exact bytes) together for connections accepted from now on.</summary>
    public void SetMode(TransmissionMode mode, ReadOnlySpan<byte> marker) => _framing = _framing.WithMarker(marker).WithMode(mode);

    /// <summary>Waits for a client and accepts it.</summary>
    public ValueTask<MessageConnection> AcceptAsync(CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(IOBehavior.Asynchronous, Deadline.Infinite, cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> for a client and accepts it (<see cref="WLSocketError.Timeout"/> otherwise).</summary>
    public ValueTask<MessageConnection> AcceptAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        AcceptCoreAsync(IOBehavior.Asynchronous, Deadline.After(timeout), cancellationToken);

    /// <summary>Blocking accept; <c>null</c> waits forever.</summary>
    public MessageConnection Accept(TimeSpan? timeout = null) =>
        Sync.Result(AcceptCoreAsync(IOBehavior.Synchronous, Deadline.After(timeout ?? Timeout.InfiniteTimeSpan), default));

    /// <summary>
    /// Blocks until a connection request is pending (true) or <paramref name="timeout"/> passes or the listener is
    /// closed (false). Accepts nothing (WinDev <c>SocketAttendConnexion</c>). Zero polls once; negative waits forever.
    /// </summary>
    public bool WaitForConnection(TimeSpan timeout)
    {
        if (_tls is not null)
        {
            return _tls.WaitForReady(Deadline.After(timeout).Remaining);
        }

        Deadline deadline = Deadline.After(timeout);
        try
        {
            while (!_disposed.IsCancellationRequested)
            {
                TimeSpan slice = deadline.IsInfinite || deadline.Remaining > s_pollSlice ? s_pollSlice : deadline.Remaining;
                if (_socket.Poll(slice, SelectMode.SelectRead))
                {
                    return !_disposed.IsCancellationRequested;
                }

                if (deadline.HasExpired)
                {
                    return false;
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Closed by another thread while waiting: "no connection" as WinDev reports it.
        }

        return false;
    }

    /// <summary>Accepts a connection only if one is already pending; never blocks (WinDev <c>SocketAccepte</c>).</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.NoPendingConnection"/> when none is pending.</exception>
    public MessageConnection AcceptPending()
    {
        if (_tls is not null)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            return _tls.TryTake() is { } transport ? Wrap(transport) : throw NoPendingConnection();
        }

        // Another thread may take the pending connection between the check and the accept: then none is pending.
        ConnectedSocket? socket = WaitForConnection(TimeSpan.Zero) ? TryAcceptNow() : null;
        if (socket is null)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            throw NoPendingConnection();
        }

        return Wrap(socket.Value);
    }

    private static WLSocketException NoPendingConnection() => new(WLSocketError.NoPendingConnection,
        "No connection request is pending: call SocketAttendConnexion (WaitForConnection) first and accept only when it returns true.");

    /// <summary>
    /// Refuses every pending connection request: each is accepted and closed with a reset, so the client's first
    /// read or write fails at once (WinDev <c>SocketRefuse</c>). Returns how many were refused.
    /// </summary>
    public int DenyPending()
    {
        if (_tls is not null)
        {
            return _tls.DenyReady();
        }

        int denied = 0;
        while (WaitForConnection(TimeSpan.Zero))
        {
            Socket? socket = TryAcceptNow()?.Socket;
            if (socket is null)
            {
                break;
            }

            socket.LingerState = new LingerOption(true, 0);
            socket.Dispose();
            denied++;
        }

        return denied;
    }

    private async ValueTask<MessageConnection> AcceptCoreAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (_tls is not null)
        {
            return Wrap(await _tls.TakeAsync(io, deadline, cancellationToken).ConfigureAwait(false));
        }

        ConnectedSocket socket;
        if (io == IOBehavior.Synchronous || _nativeFamily) // RFCOMM, IrDA: the BCL cannot accept on these families by itself, so poll and accept natively
        {
            while (true)
            {
                if (!WaitForConnection(deadline.Remaining))
                {
                    if (_disposed.IsCancellationRequested)
                    {
                        // Disposed while this accept was waiting: fail as the async accept does.
                        throw SocketErrors.Closed("Accept");
                    }

                    throw SocketErrors.TimedOut("Accept", ": no client connected");
                }

                ConnectedSocket? accepted = TryAcceptNow();
                if (accepted is not null)
                {
                    socket = accepted.Value;
                    break;
                }
            }
        }
        else
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            if (!deadline.IsInfinite)
            {
                linked.CancelAfter(deadline.Remaining);
            }

            try
            {
                socket = new ConnectedSocket(await _socket.AcceptAsync(linked.Token).ConfigureAwait(false), null, null);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TooManyOpenSockets)
            {
                throw DescriptorBudget.Exhausted("Accept", ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (_disposed.IsCancellationRequested)
                {
                    throw SocketErrors.Closed("Accept");
                }

                throw SocketErrors.TimedOut("Accept", ": no client connected");
            }
            catch (SocketException ex)
            {
                throw SocketErrors.Map(ex, "Accept");
            }
            catch (ObjectDisposedException)
            {
                throw SocketErrors.Closed("Accept");
            }
        }

        if (!_nativeFamily && DescriptorBudget.Refuse(socket.Socket, "Accept") is { } exhausted)
        {
            throw exhausted;
        }

        return Wrap(socket);
    }

    /// <summary>Takes one queued connection without blocking, or null when another thread took it first.</summary>
    private ConnectedSocket? TryAcceptNow()
    {
        try
        {
            if (_nativeFamily)
            {
                return RfcommSockets.TryAccept(_socket);
            }

            _socket.Blocking = false;
            return new ConnectedSocket(_socket.Accept(), null, null);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
        {
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TooManyOpenSockets)
        {
            throw DescriptorBudget.Exhausted("Accept", ex);
        }
        catch (SocketException ex)
        {
            throw SocketErrors.Map(ex, "Accept");
        }
        catch (ObjectDisposedException)
        {
            throw SocketErrors.Closed("Accept");
        }
    }

    private MessageConnection Wrap(ConnectedSocket accepted)
    {
        if (_nativeFamily)
        {
            return Wrap(new TcpTransport(accepted.Socket, accepted.Remote, accepted.Local));
        }

        Socket socket = accepted.Socket;
        socket.Blocking = true;
        socket.NoDelay = _options.NoDelay;
        return Wrap(new TcpTransport(socket));
    }

    private MessageConnection Wrap(Transport transport)
    {
        FramingState framing = _framing;
        MessageConnectionOptions options = _options.Clone();
        options.Mode = framing.Mode;
        options.Encoding = framing.Encoding;
        var connection = new MessageConnection(transport, options);
        if (framing.MarkerText is { } text)
        {
            connection.SetMarker(text);
        }
        else
        {
            connection.SetMarker(framing.Marker);
        }

        return connection;
    }

    /// <summary>Stops listening. Connections already accepted stay open.</summary>
    public void Dispose()
    {
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            _socket.Dispose();
            _tls?.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
