using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using WLSockets.Internal;
using WLSockets.Transports;
using WLSockets.Transports.WebSockets;

namespace WLSockets;

/// <summary>
/// A WebSocket client connection (RFC 6455, through <see cref="ClientWebSocket"/>): whole text or binary messages in
/// and out, however many frames they travel in.
/// </summary>
/// <remarks>
/// <para>A background read reassembles each message (at most <see cref="WebSocketConnectionOptions.MaxMessageSize"/>)
/// and queues it; receives take from that queue, so a receive that times out loses nothing. Pings are answered and
/// keep-alive frames sent by the platform.</para>
/// <para>Threading: one receive and one send may run at the same time; concurrent sends are serialised, concurrent
/// receives each get a different message. <see cref="Close"/>/<see cref="Dispose"/> may be called from any thread and
/// makes waiting receives fail with <see cref="WLSocketError.ConnectionReset"/>.</para>
/// <para>Failures throw <see cref="WLSocketException"/>: <see cref="WLSocketError.ConnectionClosed"/> once the server
/// closed (see <see cref="CloseStatus"/>), <see cref="WLSocketError.ConnectionReset"/> when the connection was lost,
/// <see cref="WLSocketError.MessageTooLarge"/>, <see cref="WLSocketError.WebSocketHandshakeFailed"/> ...</para>
/// <para><see cref="ClientWebSocket"/> has no blocking API: the blocking <see cref="Send(string)"/> and
/// <see cref="Connect"/> wait for the asynchronous ones (bounded by their time limits); the blocking
/// <see cref="Receive"/> waits on the queue.</para>
/// </remarks>
public sealed class WebSocketConnection : IAsyncDisposable, IDisposable
{
    private const int ReceiveChunk = 16 * 1024;
    private const int KeptAssemblyCapacity = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly HttpMessageInvoker _invoker;
    private readonly WebSocketInbox _inbox = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _maxMessageSize;
    private readonly TimeSpan _closeTimeout;
    private readonly TimeSpan _sendTimeout;
    private Task _pump = Task.CompletedTask;
    private Task? _closing;
    private int _closeStarted;
    private int _closeStatus = -1;
    private string? _closeDescription;

    private WebSocketConnection(Uri uri, WebSocketSetup setup, WebSocketConnectionOptions options)
    {
        Uri = uri;
        _socket = setup.Socket;
        _invoker = setup.Invoker;
        RemoteEndPoint = setup.RemoteEndPoint as IPEndPoint;
        LocalEndPoint = setup.LocalEndPoint as IPEndPoint;
        _maxMessageSize = options.MaxMessageSize;
        _closeTimeout = options.CloseTimeout;
        _sendTimeout = options.SendTimeout;
    }

    /// <summary>
    /// Connects to <paramref name="uri"/> (<c>ws://</c> or <c>wss://</c>) and completes the HTTP upgrade, everything
    /// within <see cref="WebSocketConnectionOptions.ConnectTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Not a ws:// or wss:// URI.</exception>
    /// <exception cref="WLSocketException">Refused, host not found, timed out, proxy failure, TLS handshake failed,
    /// certificate rejected, upgrade refused (<see cref="WLSocketError.WebSocketHandshakeFailed"/>).</exception>
    public static async ValueTask<WebSocketConnection> ConnectAsync(Uri uri, WebSocketConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeWs && uri.Scheme != Uri.UriSchemeWss))
        {
            throw new ArgumentException($"Not a WebSocket address: '{uri}'. Use ws://host[:port]/path or wss://host[:port]/path.", nameof(uri));
        }

        options = (options ?? new WebSocketConnectionOptions()).Clone();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxMessageSize, nameof(options.MaxMessageSize));
        WebSocketSetup setup = await WebSocketConnector.ConnectAsync(uri, options, cancellationToken).ConfigureAwait(false);
        var connection = new WebSocketConnection(uri, setup, options);
        connection._pump = Task.Run(connection.PumpAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Blocking form of <see cref="ConnectAsync"/>.</summary>
    public static WebSocketConnection Connect(Uri uri, WebSocketConnectionOptions? options = null) =>
        ConnectAsync(uri, options).AsTask().GetAwaiter().GetResult();

    /// <summary>The address connected to.</summary>
    public Uri Uri { get; }

    /// <summary>The sub-protocol the server chose among those offered, or null (open question W6).</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>
    /// The close status once the connection has ended: the server's (1000 normal, 1001 going away ...), 1005 when its
    /// close frame had none, 1006 when the connection was lost without a close frame, 1009 when a message was too large.
    /// Null while open.
    /// </summary>
    public int? CloseStatus => Volatile.Read(ref _closeStatus) is >= 0 and var status ? status : null;

    /// <summary>The reason text of the server's close frame, if any.</summary>
    public string? CloseStatusDescription => Volatile.Read(ref _closeDescription);

    /// <summary>True until the connection ends (closed by either side, or lost).</summary>
    public bool IsOpen => _closeStarted == 0 && _inbox.End is null;

    /// <summary>The TCP peer: the server, or the SOCKS5 proxy when there is one.</summary>
    public IPEndPoint? RemoteEndPoint { get; }

    /// <summary>This side's TCP address.</summary>
    public IPEndPoint? LocalEndPoint { get; }

    /// <summary>Sends a text message (UTF-8, one frame).</summary>
    public ValueTask SendAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendCoreAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, cancellationToken);
    }

    /// <summary>Sends a binary message (one frame).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
        SendCoreAsync(message, WebSocketMessageType.Binary, cancellationToken);

    /// <summary>Blocking form of <see cref="SendAsync(string, CancellationToken)"/>.</summary>
    public void Send(string message) => SendAsync(message).AsTask().GetAwaiter().GetResult();

    /// <summary>Blocking form of <see cref="SendAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.</summary>
    public void Send(ReadOnlySpan<byte> message) => SendAsync(message.ToArray()).AsTask().GetAwaiter().GetResult();

    /// <summary>Receives one whole message, waiting as long as it takes.</summary>
    public ValueTask<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken = default) =>
        ReceiveAsync(Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Receives one whole message, or fails with <see cref="WLSocketError.Timeout"/> (nothing is lost).</summary>
    public ValueTask<WebSocketMessage> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(IOBehavior.Asynchronous, Deadline.After(timeout), cancellationToken);

    /// <summary>Blocking receive of one whole message; <c>null</c> timeout waits forever.</summary>
    public WebSocketMessage Receive(TimeSpan? timeout = null) =>
        Sync.Result(ReceiveCoreAsync(IOBehavior.Synchronous, Deadline.After(timeout ?? Timeout.InfiniteTimeSpan), default));

    internal ValueTask<WebSocketMessage> ReceiveCoreAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closeStarted != 0, this);
        return _inbox.TakeAsync(io, deadline, cancellationToken);
    }

    private async ValueTask SendCoreAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closeStarted != 0, this);
        if (_inbox.End is { Error: WLSocketError.ConnectionClosed } closed)
        {
            throw new WLSocketException(WLSocketError.ConnectionClosed, "Send failed: " + closed.Message);
        }

        Deadline deadline = Deadline.After(_sendTimeout);
        if (!await _sendGate.WaitAsync(deadline.Remaining, cancellationToken).ConfigureAwait(false))
        {
            throw SocketErrors.TimedOut("Send", ": another send is still waiting for the server to read");
        }

        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            if (!deadline.IsInfinite)
            {
                limit.CancelAfter(deadline.Remaining);
            }

            await _socket.SendAsync(message, type, endOfMessage: true, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
        {
            ThrowIfClosed();
            Abort(); // part of a frame may be on the wire: the connection cannot go on
            throw SocketErrors.TimedOut("Send", ": the server is not reading. The connection was aborted");
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An OperationCanceledException that is neither ours nor the caller's: the platform aborted the socket
            // because the connection dropped while this frame was going out.
            ThrowIfClosed();
            throw _inbox.End is { Error: WLSocketError.ConnectionClosed } end
                ? new WLSocketException(WLSocketError.ConnectionClosed, "Send failed: " + end.Message, ex)
                : new WLSocketException(WLSocketError.ConnectionReset, $"Send failed: the WebSocket connection to {Uri} was lost ({ex.Message}).", ex);
        }
        finally
        {
            limit.Dispose();
            _sendGate.Release();
        }
    }

    /// <summary>Reads frames, reassembles messages and queues them, until the connection ends.</summary>
    private async Task PumpAsync()
    {
        var assembly = new ArrayBufferWriter<byte>(ReceiveChunk);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(assembly.GetMemory(ReceiveChunk), _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await OnCloseFrameAsync().ConfigureAwait(false);
                    return;
                }

                assembly.Advance(result.Count);
                if (assembly.WrittenCount > _maxMessageSize)
                {
                    await OnTooLargeAsync().ConfigureAwait(false);
                    return;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var message = new WebSocketMessage(assembly.WrittenSpan.ToArray(), result.MessageType == WebSocketMessageType.Text);
                if (assembly.Capacity > KeptAssemblyCapacity)
                {
                    assembly = new ArrayBufferWriter<byte>(ReceiveChunk); // a big message does not pin its buffer
                }
                else
                {
                    assembly.ResetWrittenCount();
                }

                _inbox.Add(message); // dropped after a local close
                await _inbox.WaitForRoomAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            if (_closeStarted != 0)
            {
                _inbox.Finish(SocketErrors.Closed("Receive"));
                return;
            }

            Interlocked.CompareExchange(ref _closeStatus, 1006, -1); // no close frame
            _inbox.Finish(new WLSocketException(WLSocketError.ConnectionReset,
                $"The WebSocket connection to {Uri} was lost: the server dropped it without a closing handshake (close status 1006; {ex.Message}).", ex));
        }
    }

    private async Task OnCloseFrameAsync()
    {
        int status = _socket.CloseStatus is { } s ? (int)s : 1005;
        Volatile.Write(ref _closeDescription, string.IsNullOrEmpty(_socket.CloseStatusDescription) ? null : _socket.CloseStatusDescription);
        Interlocked.CompareExchange(ref _closeStatus, status, -1);
        if (_closeStarted != 0)
        {
            _inbox.Finish(SocketErrors.Closed("Receive"));
            return; // our close, answered
        }

        // The server closes: answer its close frame (RFC 6455 §5.5.1); from then on receives and sends report the close.
        await CloseOutputQuietlyAsync(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
        _inbox.Finish(new WLSocketException(WLSocketError.ConnectionClosed,
            $"The WebSocket server closed the connection (status {Describe(status)}{(CloseStatusDescription is { } why ? $": \"{why}\"" : "")})."));
    }

    private async Task OnTooLargeAsync()
    {
        Interlocked.CompareExchange(ref _closeStatus, (int)WebSocketCloseStatus.MessageTooBig, -1);
        _inbox.Finish(new WLSocketException(WLSocketError.MessageTooLarge,
            $"A WebSocket message larger than the maximum ({_maxMessageSize.ToString(CultureInfo.InvariantCulture)} bytes) arrived from {Uri}: the connection was closed with status 1009 (message too big). Raise MaxMessageSize if such messages are expected."));
        await CloseOutputQuietlyAsync(WebSocketCloseStatus.MessageTooBig, "message too big").ConfigureAwait(false);
        _socket.Abort(); // the rest of the message is not wanted
    }

    private async Task CloseOutputQuietlyAsync(WebSocketCloseStatus status, string description)
    {
        using var limit = new CancellationTokenSource();
        Deadline deadline = Deadline.After(_closeTimeout);
        if (!deadline.IsInfinite)
        {
            limit.CancelAfter(deadline.Remaining);
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, description, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection is ending anyway: a close frame that cannot go changes nothing.
        }
    }

    /// <summary>
    /// Closing handshake (open question W13): waiting receives fail at once, a close frame with status 1000 goes to the
    /// server, and the connection is released once the server's close frame arrives, at most
    /// <see cref="WebSocketConnectionOptions.CloseTimeout"/> later.
    /// </summary>
    public Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) == 0)
        {
            _inbox.Finish(SocketErrors.Closed("Receive"));
            _closing = Task.Run(async () =>
            {
                Deadline deadline = Deadline.After(_closeTimeout);
                await CloseOutputQuietlyAsync(WebSocketCloseStatus.NormalClosure, "").ConfigureAwait(false);
                try
                {
                    await _pump.WaitAsync(deadline.Remaining).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The server did not answer within the close time: close anyway.
                }

                Release();
            });
        }

        return _closing ?? Task.CompletedTask;
    }

    /// <summary>Starts the closing handshake of <see cref="CloseAsync"/> without waiting for it.</summary>
    public void Close() => _ = CloseAsync();

    /// <summary>Closes at once, without a closing handshake (the server sees the connection drop).</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closeStarted, 1);
        _inbox.Finish(SocketErrors.Closed("Receive"));
        Release();
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    private void Release()
    {
        Interlocked.CompareExchange(ref _closeStatus, _socket.CloseStatus is { } s ? (int)s : 1006, -1);
        _stop.Cancel();
        _socket.Abort();
        _socket.Dispose();
        _invoker.Dispose();
    }

    private void ThrowIfClosed()
    {
        if (_closeStarted != 0)
        {
            throw SocketErrors.Closed("Send");
        }
    }

    /// <summary>"1000 (normal closure)" ...</summary>
    internal static string Describe(int status) => status.ToString(CultureInfo.InvariantCulture) + status switch
    {
        1000 => " normal closure",
        1001 => " going away",
        1002 => " protocol error",
        1003 => " unsupported data",
        1005 => " no status given",
        1006 => " connection lost",
        1007 => " invalid data",
        1008 => " policy violation",
        1009 => " message too big",
        1010 => " extension required",
        1011 => " server error",
        _ => "",
    };
}
