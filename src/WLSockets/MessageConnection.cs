using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using WLSockets.Internal;
using WLSockets.Messaging;
using WLSockets.Transports;
using WLSockets.Transports.Bluetooth;
using WLSockets.Transports.Infrared;
using WLSockets.Transports.Socks;
using WLSockets.Transports.Tcp;
using WLSockets.Transports.Tls;

namespace WLSockets;

/// <summary>
/// Sends and receives whole WinDev-framed messages over a connected socket.
/// </summary>
/// <remarks>
/// <para>The framing (<see cref="Mode"/>, <see cref="Marker"/>) and <see cref="Encoding"/> can be changed at any time;
/// a change applies from the next send or receive on. Received bytes are never dropped: a timeout keeps a partial
/// message buffered for the next receive, a framing error keeps the bytes and fails every receive until the mode is
/// changed.</para>
/// <para>Threading: one receive and one send may run at the same time (full duplex). Concurrent receives (or sends)
/// are serialised; each waits for the other within its own timeout. <see cref="Close"/>/<see cref="Dispose"/> may be
/// called from any thread and makes pending calls fail with <see cref="WLSocketError.ConnectionReset"/>.</para>
/// <para>Failures throw <see cref="WLSocketException"/>; cancellation throws <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public sealed class MessageConnection : IAsyncDisposable, IDisposable
{
    private readonly Transport _transport;
    private readonly MessageReader _reader;
    private readonly MessageWriter _writer;
    private volatile FramingState _framing;
    private long _maxMessageSize;
    private int _rawReadSize;
    private TimeSpan _sendTimeout;
    private Task? _closing;
    private int _closeStarted;

    internal MessageConnection(Transport transport, MessageConnectionOptions options)
    {
        _transport = transport;
        _reader = new MessageReader(transport);
        _writer = new MessageWriter(transport);
        _framing = FramingState.Create(options.Mode, options.Marker, options.Encoding);
        MaxMessageSize = options.MaxMessageSize;
        RawReadSize = options.RawReadSize;
        SendTimeout = options.SendTimeout;
        CloseTimeout = options.CloseTimeout;
    }

    /// <summary>
    /// Resolves <paramref name="host"/> and connects, all within <see cref="MessageConnectionOptions.ConnectTimeout"/>;
    /// with <see cref="MessageConnectionOptions.Proxy"/>, through that SOCKS5 proxy; with
    /// <see cref="MessageConnectionOptions.Tls"/>, the TLS handshake too (inside the proxy's tunnel).
    /// </summary>
    /// <param name="host">IPv4 or IPv6 literal, or a host name; empty = this machine.</param>
    /// <param name="port">TCP port, 1 to 65535.</param>
    /// <param name="options">Framing, encoding, limits and TLS; defaults are WinDev's (plain TCP).</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <exception cref="WLSocketException">Refused, host not found, timed out, TLS handshake failed, certificate rejected,
    /// proxy failure ...</exception>
    public static async ValueTask<MessageConnection> ConnectAsync(string host, int port, MessageConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ValidatePort(port);
        options = (options ?? new MessageConnectionOptions()).Clone();
        Deadline deadline = Deadline.After(options.ConnectTimeout);
        if (options.Tls is { } tls)
        {
            TlsTransport secured = await TlsHandshake.ConnectAsync(host, port, options.NoDelay, tls, options.Proxy, deadline, cancellationToken, options.LocalEndPoint).ConfigureAwait(false);
            return new MessageConnection(secured, options);
        }

        Socket socket = options.Proxy is { } proxy
            ? await Socks5Connector.ConnectAsync(host, port, options.NoDelay, proxy, deadline, cancellationToken).ConfigureAwait(false)
            : await TcpConnector.ConnectAsync(host, port, options.NoDelay, deadline, cancellationToken, options.LocalEndPoint).ConfigureAwait(false);
        return new MessageConnection(new TcpTransport(socket), options);
    }

    /// <summary>
    /// Connects to an RFCOMM service of a Bluetooth device within <see cref="MessageConnectionOptions.ConnectTimeout"/>
    /// (blocking); the connection then behaves as a TCP one. Used by <c>SocketConnecteBluetooth</c>.
    /// </summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.NotSupported"/> without Bluetooth sockets; refused, timed out ...</exception>
    internal static MessageConnection ConnectBluetooth(BluetoothAddress device, BluetoothService service, MessageConnectionOptions options)
    {
        options = options.Clone();
        ConnectedSocket connected = RfcommSockets.Connect(device, service, Deadline.After(options.ConnectTimeout));
        return new MessageConnection(new TcpTransport(connected.Socket, connected.Remote, connected.Local), options);
    }

    /// <summary>Connects to an infrared (IrDA) service on the first device in range (blocking). Used by <c>SocketConnecteInfraRouge</c>.</summary>
    /// <exception cref="WLSocketException"><see cref="WLSocketError.NotSupported"/> without IrDA sockets (Linux, most current Windows).</exception>
    internal static MessageConnection ConnectInfrared(string serviceName, MessageConnectionOptions options)
    {
        options = options.Clone();
        ConnectedSocket connected = IrdaSockets.Connect(serviceName);
        return new MessageConnection(new TcpTransport(connected.Socket, connected.Remote, connected.Local), options);
    }

    /// <summary>Blocking form of <see cref="ConnectAsync"/>.</summary>
    public static MessageConnection Connect(string host, int port, MessageConnectionOptions? options = null) =>
        ConnectAsync(host, port, options).AsTask().GetAwaiter().GetResult();

    /// <summary>How messages are delimited. Setting it clears a previous framing error (the kept bytes are read under the new mode).</summary>
    public TransmissionMode Mode
    {
        get => _framing.Mode;
        set => SetFraming(_framing.WithMode(value));
    }

    /// <summary>The end marker bytes used by the marker modes.</summary>
    public ReadOnlyMemory<byte> Marker => _framing.Marker;

    /// <summary>Encoding of string messages (and of a marker given as text).</summary>
    public Encoding Encoding
    {
        get => _framing.Encoding;
        set => _framing = _framing.WithEncoding(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Sets the end marker from text (<c>RC</c>/<c>CRLF</c> = 0D 0A, <c>EOT</c> = 04, other text encoded with <see cref="Encoding"/>).</summary>
    public void SetMarker(string marker) => _framing = _framing.WithMarker(marker);

    /// <summary>Sets the end marker as exact bytes.</summary>
    public void SetMarker(ReadOnlySpan<byte> marker) => _framing = _framing.WithMarker(marker);

    /// <summary>Changes mode and marker together (WinDev <c>SocketChangeModeTransmission</c>).</summary>
    public void SetMode(TransmissionMode mode, string marker) => SetFraming(_framing.WithMarker(marker).WithMode(mode));

    /// <summary>Changes mode and marker (as exact bytes) together.</summary>
    public void SetMode(TransmissionMode mode, ReadOnlySpan<byte> marker) => SetFraming(_framing.WithMarker(marker).WithMode(mode));

    /// <summary>Largest message accepted on receive. Default 64 MiB.</summary>
    public long MaxMessageSize
    {
        get => Interlocked.Read(ref _maxMessageSize);
        set => Interlocked.Exchange(ref _maxMessageSize, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The maximum message size must be positive."));
    }

    /// <summary>In raw mode, the most bytes one receive returns. Default 4096.</summary>
    public int RawReadSize
    {
        get => Volatile.Read(ref _rawReadSize);
        set => Volatile.Write(ref _rawReadSize, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The raw read size must be positive."));
    }

    /// <summary>Time a send may wait for a peer that does not read; then the send fails and the connection is reset.</summary>
    public TimeSpan SendTimeout
    {
        get => _sendTimeout;
        set => _sendTimeout = value;
    }

    /// <summary>How long a graceful close waits for the peer to close its side.</summary>
    public TimeSpan CloseTimeout { get; set; }

    /// <summary>The byte stream underneath (for diagnostics and tests).</summary>
    internal Transport Transport => _transport;

    /// <summary>What the TLS handshake negotiated (protocol, cipher suite, the peer's certificate); null on plain TCP.</summary>
    public TlsSessionInfo? TlsSession => (_transport as TlsTransport)?.Session;

    /// <summary>The peer's address (through a SOCKS5 proxy: the proxy's).</summary>
    public IPEndPoint? RemoteEndPoint => _transport.RemoteEndPoint as IPEndPoint;

    /// <summary>This side's address.</summary>
    public IPEndPoint? LocalEndPoint => _transport.LocalEndPoint as IPEndPoint;

    /// <summary>True once the peer closed its side and every buffered byte was handed out.</summary>
    public bool IsPeerClosed => _reader.EndOfStream && _reader.BufferedLength == 0;

    /// <summary>Bytes received but not yet returned as messages.</summary>
    public int BufferedByteCount => _reader.BufferedLength;

    /// <summary>
    /// In <see cref="TransmissionMode.EndTag"/> mode, true when the last message received was followed by more
    /// bytes in the same receive. WinDev reports this as an error and drops them; here they are kept for the next
    /// receive.
    /// </summary>
    public bool LastReceiveHadDataAfterMarker { get; private set; }

    /// <summary>Receives one whole message (framing removed), waiting as long as it takes.</summary>
    public ValueTask<byte[]> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Receives one whole message, or fails with <see cref="WLSocketError.Timeout"/> (a partial message stays buffered).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<byte[]> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (await ReceiveCoreAsync(IOBehavior.Asynchronous, Deadline.After(timeout), RawReadSize, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Payload;

    /// <summary>
    /// Receives one whole message and writes its payload (framing removed) into <paramref name="destination"/>, waiting
    /// as long as it takes; returns the payload length. Nothing is allocated per message: reuse the writer (for example
    /// an <see cref="ArrayBufferWriter{T}"/> after <see cref="ArrayBufferWriter{T}.ResetWrittenCount"/>).
    /// </summary>
    public ValueTask<int> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken = default) =>
        ReceiveAsync(destination, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>As <see cref="ReceiveAsync(IBufferWriter{byte}, CancellationToken)"/>, or fails with <see cref="WLSocketError.Timeout"/> (a partial message stays buffered).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> ReceiveAsync(IBufferWriter<byte> destination, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return (await ReceiveCoreAsync(IOBehavior.Asynchronous, Deadline.After(timeout), RawReadSize, TimeSpan.Zero, cancellationToken, destination).ConfigureAwait(false)).Length;
    }

    /// <summary>Receives one message and decodes it with <see cref="Encoding"/>.</summary>
    public ValueTask<string> ReceiveStringAsync(CancellationToken cancellationToken = default) =>
        ReceiveStringAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Receives one message within <paramref name="timeout"/> and decodes it with <see cref="Encoding"/>.</summary>
    public async ValueTask<string> ReceiveStringAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Encoding encoding = Encoding;
        return encoding.GetString(await ReceiveAsync(timeout, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Blocking receive of one message; <c>null</c> timeout waits forever.</summary>
    public byte[] Receive(TimeSpan? timeout = null) =>
        Sync.Result(ReceiveCoreAsync(IOBehavior.Synchronous, Deadline.After(timeout ?? Timeout.InfiniteTimeSpan), RawReadSize, TimeSpan.Zero, default)).Payload;

    /// <summary>Blocking receive of one message decoded with <see cref="Encoding"/>.</summary>
    public string ReceiveString(TimeSpan? timeout = null)
    {
        Encoding encoding = Encoding;
        return encoding.GetString(Receive(timeout));
    }

    /// <summary>Sends one message, framed by the current mode. Completes when the bytes are handed to the network stack.</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        SendCoreAsync(IOBehavior.Asynchronous, message, cancellationToken);

    /// <summary>Sends a string encoded with <see cref="Encoding"/>.</summary>
    public ValueTask SendAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(Encoding.GetBytes(message), cancellationToken);
    }

    /// <summary>Blocking send of one message.</summary>
    public void Send(ReadOnlySpan<byte> message) =>
        Sync.Wait(SendCoreAsync(IOBehavior.Synchronous, message.ToArray(), default));

    /// <summary>Blocking send of a string encoded with <see cref="Encoding"/>.</summary>
    public void Send(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Sync.Wait(SendCoreAsync(IOBehavior.Synchronous, Encoding.GetBytes(message), default));
    }

    /// <summary>The shared receive path of every public and facade receive.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<ReceivedMessage> ReceiveCoreAsync(IOBehavior io, Deadline deadline, int rawReadSize, TimeSpan idle, CancellationToken cancellationToken,
        IBufferWriter<byte>? into = null)
    {
        // As for sends: a receive started after Close is misuse; one already waiting fails with ConnectionReset.
        ObjectDisposedException.ThrowIf(_closeStarted != 0, this);
        ReceivedMessage message = await _reader.ReadAsync(io, _framing, MaxMessageSize, rawReadSize, idle, deadline, cancellationToken, into).ConfigureAwait(false);
        LastReceiveHadDataAfterMarker = message.DataAfterMarker;
        return message;
    }

    /// <summary>The shared send path of every public and facade send.</summary>
    internal ValueTask SendCoreAsync(IOBehavior io, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closeStarted != 0, this);
        return _writer.WriteAsync(io, _framing, message, Deadline.After(SendTimeout), cancellationToken);
    }

    /// <summary>
    /// Graceful close that loses nothing: pending receives fail at once, a send in progress may finish, every byte
    /// sent reaches the peer followed by end of stream, and the socket is released once the peer closes too (at most
    /// <see cref="CloseTimeout"/>).
    /// </summary>
    public Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) == 0)
        {
            _transport.InterruptReceive();
            _closing = Task.Run(async () =>
            {
                _writer.WaitIdle(CloseTimeout);
                await _transport.CloseGracefullyAsync(CloseTimeout).ConfigureAwait(false);
                _reader.Dispose();
            });
        }

        return _closing ?? Task.CompletedTask;
    }

    /// <summary>Starts the graceful close of <see cref="CloseAsync"/> without waiting for the peer.</summary>
    public void Close() => _ = CloseAsync();

    /// <summary>Closes at once with a reset (RST): unsent data is dropped and the peer sees an error.</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closeStarted, 1);
        _transport.Close(reset: true);
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    internal static void ValidatePort(int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "Invalid port number: use 1 to 65535.");
        }
    }

    private void SetFraming(FramingState framing)
    {
        _framing = framing;
        _reader.ClearFramingError();
    }
}
