using System.Net;
using System.Threading.Channels;
using WLSockets.Chat.Backplane;

namespace WLSockets.Chat;

/// <summary>
/// The chat server of WinDev's "WD Utilisation des sockets", wire-compatible with the WinDev client: default WinDev
/// framing; every message received is sent to every connected client, the sender included, in arrival order;
/// <c>BYE</c> closes that client; clients that vanish are removed. Optionally joined to other servers through Redis.
/// </summary>
/// <remarks>
/// <para>One async receive loop and one async writer loop per client (no thread per client). Messages go through one
/// ordered fan-out: each is put in every client's bounded queue in arrival order, so a slow client never delays the
/// others; a client that cannot keep up (queue full, or a write blocked longer than
/// <see cref="ChatServerOptions.SendTimeout"/>) is dropped with a <see cref="ChatNotice"/> saying why.</para>
/// <para>Thread-safe. The state (<see cref="GetClients"/>, counters, <see cref="BackplaneState"/>) may be read from
/// any thread, for example by a UI refreshing itself.</para>
/// </remarks>
public sealed class ChatServer : IAsyncDisposable
{
    /// <summary>From this many clients on, the fan-out of a message is shared between the cores.</summary>
    private const int ParallelFanOutThreshold = 512;
    private readonly ChatServerOptions _options;
    private readonly MessageListener _listener;
    private readonly Channel<Arrival> _arrivals;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sessionsLock = new();
    private readonly List<ChatSession> _sessions = [];
    private readonly List<Task> _running = [];
    private ChatSession[] _snapshot = [];
    private bool _snapshotStale;
    private RedisBackplane? _backplane;
    private Task _accepting = Task.CompletedTask;
    private Task _fanningOut = Task.CompletedTask;
    private long _messagesReceived;
    private long _messagesFromOtherServers;
    private long _clientsDropped;
    private int _disposed;

    private ChatServer(ChatServerOptions options, MessageListener listener)
    {
        _options = options;
        _listener = listener;
        // Arrivals wait here for the fan-out; when it is this far behind, receiving pauses (TCP pushes back on senders).
        _arrivals = Channel.CreateBounded<Arrival>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The address and port listened on.</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Connected clients.</summary>
    public int ClientCount
    {
        get
        {
            lock (_sessionsLock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Messages received from local clients (each broadcast to all).</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Messages received from other servers through Redis (each broadcast to the local clients).</summary>
    public long MessagesFromOtherServers => Interlocked.Read(ref _messagesFromOtherServers);

    /// <summary>Clients dropped because they could not keep up.</summary>
    public long ClientsDropped => Interlocked.Read(ref _clientsDropped);

    /// <summary>The Redis backplane's state (<see cref="ChatBackplaneState.None"/> without one).</summary>
    public ChatBackplaneState BackplaneState => _backplane?.State ?? ChatBackplaneState.None;

    /// <summary>Raised when <see cref="BackplaneState"/> changes (from a background thread).</summary>
    public event EventHandler<ChatBackplaneState>? BackplaneStateChanged;

    /// <summary>
    /// Listens (exclusively: a port already in use fails), connects to Redis when configured (without waiting for it:
    /// an unreachable Redis only means local clients until it comes), and starts serving.
    /// </summary>
    /// <exception cref="WLSocketException">The address or port cannot be listened on.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ChatServer Start(ChatServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClientQueueLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClientQueueBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageSize, 1);
        var connectionOptions = new MessageConnectionOptions
        {
            MaxMessageSize = options.MaxMessageSize,
            SendTimeout = options.SendTimeout,
            CloseTimeout = TimeSpan.FromSeconds(1),
        };
        MessageListener listener = MessageListener.Start(options.Bind, options.Port, connectionOptions, exclusiveAddress: true);
        var server = new ChatServer(options, listener);
        if (options.Redis is { } redis)
        {
            server._backplane = new RedisBackplane(redis, options.MaxMessageSize, server.DeliverFromOtherServerAsync, server.Report);
            server._backplane.StateChanged += (_, state) => server.BackplaneStateChanged?.Invoke(server, state);
            server._backplane.Start();
        }

        server._fanningOut = Task.Run(server.FanOutLoopAsync);
        server._accepting = Task.Run(server.AcceptLoopAsync);
        return server;
    }

    /// <summary>The client table (one row per connected client, in connection order).</summary>
    public IReadOnlyList<ChatClientInfo> GetClients()
    {
        lock (_sessionsLock)
        {
            return [.. _sessions.Select(s => s.Snapshot())];
        }
    }

    /// <summary>
    /// Stops as the WinDev server's Stop button does: no more accepts, every client closed, the listener released,
    /// Redis left.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _accepting.ConfigureAwait(false);
        ChatSession[] sessions;
        lock (_sessionsLock)
        {
            sessions = [.. _sessions];
        }

        foreach (ChatSession session in sessions)
        {
            End(session, "the server stopped", abort: false);
        }

        _arrivals.Writer.TryComplete();
        await _fanningOut.ConfigureAwait(false);
        Task[] running;
        lock (_sessionsLock)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_backplane is not null)
        {
            await _backplane.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            MessageConnection connection;
            try
            {
                connection = await _listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (WLSocketException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (WLSocketException ex)
            {
                // Typically "too many open files": say so, give the system a moment, go on.
                Report(ChatNoticeLevel.Warning, $"accepting a client failed: {ex.Message} (raise the open-file limit, ulimit -n, for many clients)");
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var session = new ChatSession(connection, _options, WriteFailed);
            lock (_sessionsLock)
            {
                _sessions.Add(session);
                _snapshotStale = true;
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(ServeAsync(session));
            }

            Report(ChatNoticeLevel.Information, $"{session.Address} connected as {session.ChannelName}");
        }
    }

    /// <summary>One client's receive loop (writes are started by the fan-out, see <see cref="ChatSession"/>).</summary>
    private async Task ServeAsync(ChatSession session)
    {
        await Task.Yield();
        string reason;
        try
        {
            while (true)
            {
                byte[] message = await session.Connection.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
                if (ChatProtocol.IsBye(message))
                {
                    reason = "said BYE";
                    break;
                }

                if (message.Length == 0)
                {
                    continue; // WinDev's server cannot tell an empty message from "nothing yet": it is never broadcast
                }

                session.Received();
                Interlocked.Increment(ref _messagesReceived);
                await _arrivals.Writer.WriteAsync(new Arrival(message, Local: true), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (WLSocketException ex)
        {
            reason = ex.Error switch
            {
                WLSocketError.ConnectionClosed => "closed the connection",
                WLSocketError.ConnectionReset when session.HasEnded => session.EndReason ?? "closed",
                WLSocketError.ConnectionReset => "vanished (connection reset)",
                WLSocketError.MessageTooLarge => $"sent a message larger than {_options.MaxMessageSize} bytes",
                _ => "failed: " + ex.Message,
            };
        }
        catch (OperationCanceledException)
        {
            reason = "the server stopped";
        }
        catch (ObjectDisposedException)
        {
            reason = session.EndReason ?? "closed";
        }
        catch (ChannelClosedException)
        {
            reason = "the server stopped";
        }

        End(session, reason, abort: false);
    }

    private void WriteFailed(ChatSession session, Exception ex) =>
        End(session, ex is WLSocketException { Error: WLSocketError.Timeout }
            ? $"too slow: a write stayed blocked for {_options.SendTimeout.TotalSeconds:0.#} s"
            : "vanished while being written to: " + ex.Message, abort: true);

    /// <summary>Removes the session (first call wins) and closes its connection: gracefully, or with a reset for a dropped client.</summary>
    private void End(ChatSession session, string reason, bool abort)
    {
        if (!session.TryEnd(reason))
        {
            return;
        }

        lock (_sessionsLock)
        {
            _sessions.Remove(session);
            _snapshotStale = true;
        }

        if (abort)
        {
            session.Connection.Abort();
        }
        else
        {
            session.Connection.Close();
        }

        bool dropped = reason.StartsWith("too slow", StringComparison.Ordinal);
        if (dropped)
        {
            Interlocked.Increment(ref _clientsDropped);
        }

        Report(dropped ? ChatNoticeLevel.Warning : ChatNoticeLevel.Information,
            $"{session.Address} ({session.ChannelName}) {(dropped ? "dropped, " : "left: ")}{reason}");
    }

    /// <summary>The one ordered fan-out: every arrival goes into every client's queue, in arrival order.</summary>
    private async Task FanOutLoopAsync()
    {
        ChannelReader<Arrival> reader = _arrivals.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out Arrival arrival))
            {
                if (arrival.Local)
                {
                    _backplane?.Publish(arrival.Payload);
                }

                ChatSession[] sessions = Sessions();
                if (sessions.Length < ParallelFanOutThreshold)
                {
                    Offer(arrival.Payload, sessions);
                }
                else
                {
                    // Many clients: one share per core, all done before the next message (so each client keeps the order).
                    int shares = Math.Min(Environment.ProcessorCount, 8);
                    int size = (sessions.Length + shares - 1) / shares;
                    var others = new Task[shares - 1];
                    for (int i = 1; i < shares; i++)
                    {
                        ArraySegment<ChatSession> share = new(sessions, Math.Min(i * size, sessions.Length), Math.Max(0, Math.Min(size, sessions.Length - (i * size))));
                        others[i - 1] = Task.Run(() => Offer(arrival.Payload, share));
                    }

                    Offer(arrival.Payload, new ArraySegment<ChatSession>(sessions, 0, Math.Min(size, sessions.Length)));
                    await Task.WhenAll(others).ConfigureAwait(false);
                }
            }
        }
    }

    private void Offer(byte[] payload, ArraySegment<ChatSession> sessions)
    {
        foreach (ChatSession session in sessions)
        {
            if (!session.TryEnqueue(payload, out string? reason) && reason is not null)
            {
                End(session, reason, abort: true);
            }
        }
    }

    private ChatSession[] Sessions()
    {
        lock (_sessionsLock)
        {
            if (_snapshotStale)
            {
                _snapshot = [.. _sessions];
                _snapshotStale = false;
            }

            return _snapshot;
        }
    }

    private async ValueTask DeliverFromOtherServerAsync(byte[] payload)
    {
        Interlocked.Increment(ref _messagesFromOtherServers);
        try
        {
            await _arrivals.Writer.WriteAsync(new Arrival(payload, Local: false), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Stopping: the message has nobody left to go to.
        }
    }

    private void Report(ChatNoticeLevel level, string text) => _options.Notice?.Invoke(new ChatNotice(level, text));

    private readonly record struct Arrival(byte[] Payload, bool Local);
}
