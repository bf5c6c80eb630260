using System.Diagnostics;
using StackExchange.Redis;

namespace WLSockets.Chat.Backplane;

/// <summary>
/// Joins chat servers through one Redis pub/sub channel per room, so their clients share one conversation.
/// </summary>
/// <remarks>
/// <para>Every server numbers its own messages (server id + sequence number, <see cref="Envelope"/>) and publishes them
/// from one loop, in order. A server never re-delivers its own messages (its clients had them from the local fan-out);
/// it delivers another server's messages exactly once and in that server's order (<see cref="SenderOrder"/>).</para>
/// <para>While Redis is down, local clients keep chatting; the server's messages wait in a bounded replay memory and are
/// published when Redis returns. Joining is proven, not assumed: a server says hello on the channel and counts as
/// joined only once its own hello comes back through its subscription (re-subscribing when it does not). A server
/// that rejoins says so, and the others replay their recent messages to it; the receivers drop what they had.</para>
/// </remarks>
internal sealed class RedisBackplane : IAsyncDisposable
{
    private static readonly TimeSpan s_tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_helloPatience = TimeSpan.FromSeconds(2);
    private readonly ChatRedisOptions _options;
    private readonly long _maxPayload;
    private readonly Func<byte[], ValueTask> _deliver;
    private readonly Action<ChatNoticeLevel, string> _report;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _inbound = new(1, 1);
    private readonly Lock _ringLock = new();
    private readonly (long Sequence, byte[]? Payload)[] _ring;
    private readonly Dictionary<Guid, SenderOrder> _senders = [];
    private readonly List<byte[]> _deliverable = [];
    private ConnectionMultiplexer? _redis;
    private ChannelMessageQueue? _queue;
    private Task _running = Task.CompletedTask;
    private int _state = (int)ChatBackplaneState.Connecting;
    private long _lastSequence;
    private long _publishedUpTo;
    private long _helloNonce;
    private long _helloSentAt;
    private int _helloAttempts;
    private bool _everJoined;
    private volatile bool _replayRequested;
    private volatile bool _markRequested;
    private long _lost;

    public RedisBackplane(ChatRedisOptions options, long maxPayload, Func<byte[], ValueTask> deliver, Action<ChatNoticeLevel, string> report)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReplayLength, 1);
        if (options.Room.Length == 0 || options.Room.Length > 100 || !options.Room.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"Invalid room name '{options.Room}': use 1 to 100 letters, digits, '-', '_' or '.'.", nameof(options));
        }

        _options = options;
        _maxPayload = maxPayload;
        _deliver = deliver;
        _report = report;
        _channel = RedisChannel.Literal(options.Channel);
        _ring = new (long, byte[]?)[options.ReplayLength];
    }

    /// <summary>This server's id on the channel.</summary>
    public Guid ServerId { get; } = Guid.NewGuid();

    public ChatBackplaneState State => (ChatBackplaneState)Volatile.Read(ref _state);

    /// <summary>Messages of other servers given up as lost (a Redis outage longer than their replay memory).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    public event EventHandler<ChatBackplaneState>? StateChanged;

    public void Start() => _running = Task.Run(RunAsync);

    /// <summary>Numbers a local message and queues it for Redis (never blocks: the replay memory is bounded).</summary>
    public void Publish(byte[] payload)
    {
        lock (_ringLock)
        {
            long sequence = ++_lastSequence;
            _ring[sequence % _ring.Length] = (sequence, payload);
        }

        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_redis is not null)
        {
            await _redis.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
        _wake.Dispose();
        _inbound.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stop = _stop.Token;
        ConfigurationOptions configuration = ConfigurationOptions.Parse(_options.Endpoint);
        configuration.AbortOnConnectFail = false; // an unreachable Redis is not fatal: keep trying
        configuration.BacklogPolicy = BacklogPolicy.FailFast; // the replay memory, not the client, keeps what waits
        configuration.ReconnectRetryPolicy = new LinearRetry(500);
        configuration.ConnectTimeout = 2000;
        configuration.ConnectRetry = 1;
        configuration.ClientName = "wlsock-chat";
        _report(ChatNoticeLevel.Information, $"connecting to Redis {_options.Endpoint}, room '{_options.Room}'");
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        _redis.ConnectionFailed += (_, e) => GoDown(e.Exception?.Message ?? e.FailureType.ToString());
        Task publishing = PublishLoopAsync(stop);
        using var timer = new PeriodicTimer(s_tick);
        try
        {
            do
            {
                await TickAsync(stop).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        Wake();
        await publishing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_queue is not null)
        {
            await _queue.UnsubscribeAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Every tick: notice an outage, (re)join when not joined, give up gaps that waited too long.</summary>
    private async Task TickAsync(CancellationToken stop)
    {
        ConnectionMultiplexer redis = _redis!;
        if (!redis.IsConnected)
        {
            if (State != ChatBackplaneState.Down && (State == ChatBackplaneState.Joined || ++_helloAttempts > 8))
            {
                GoDown("not connected");
            }
        }
        else if (State != ChatBackplaneState.Joined)
        {
            await JoinAsync(redis).ConfigureAwait(false);
        }

        await _inbound.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            long now = Stopwatch.GetTimestamp();
            long timeout = (long)(_options.GapTimeout.TotalSeconds * Stopwatch.Frequency);
            foreach ((Guid server, SenderOrder order) in _senders)
            {
                long lost = order.Expire(now, timeout, _deliverable);
                ReportLost(server, lost);
            }

            await DeliverPendingAsync().ConfigureAwait(false);
        }
        finally
        {
            _inbound.Release();
        }
    }

    /// <summary>Subscribes when needed and says hello; joined once the hello comes back (see <see cref="OnMessageAsync"/>).</summary>
    private async Task JoinAsync(ConnectionMultiplexer redis)
    {
        long sentAt = Interlocked.Read(ref _helloSentAt);
        if (sentAt != 0 && Stopwatch.GetElapsedTime(sentAt) < s_helloPatience)
        {
            return; // a hello is on its way
        }

        try
        {
            ISubscriber subscriber = redis.GetSubscriber();
            if (_queue is null || sentAt != 0)
            {
                // First time, or the last hello never came back: the subscription is not working, make it again.
                if (_queue is not null)
                {
                    await _queue.UnsubscribeAsync().ConfigureAwait(false);
                }

                _queue = await subscriber.SubscribeAsync(_channel).ConfigureAwait(false);
                _queue.OnMessage(OnMessageAsync);
            }

            long nonce = Interlocked.Increment(ref _helloNonce);
            Interlocked.Exchange(ref _helloSentAt, Stopwatch.GetTimestamp());
            var hello = new Envelope(_everJoined ? EnvelopeKind.Rejoin : EnvelopeKind.Hello, ServerId, nonce, ReadOnlyMemory<byte>.Empty);
            await subscriber.PublishAsync(_channel, hello.ToBytes()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            GoDown(ex.Message);
        }
    }

    private async Task OnMessageAsync(ChannelMessage message)
    {
        byte[]? bytes = (byte[]?)message.Message;
        if (bytes is null || !Envelope.TryParse(bytes, _maxPayload, out Envelope envelope))
        {
            return; // not ours: another program on the channel
        }

        if (envelope.Server == ServerId)
        {
            if (envelope.Kind is EnvelopeKind.Hello or EnvelopeKind.Rejoin && envelope.Sequence == Interlocked.Read(ref _helloNonce))
            {
                Joined();
            }

            return; // our own messages: the local clients had them already
        }

        switch (envelope.Kind)
        {
            case EnvelopeKind.Hello:
                _markRequested = true;
                Wake();
                return;
            case EnvelopeKind.Rejoin:
                _replayRequested = true;
                Wake();
                return;
        }

        await _inbound.WaitAsync().ConfigureAwait(false);
        try
        {
            _senders.TryGetValue(envelope.Server, out SenderOrder? order);
            switch (envelope.Kind)
            {
                case EnvelopeKind.Mark:
                    if (order is null)
                    {
                        _senders[envelope.Server] = new SenderOrder(envelope.Sequence);
                    }

                    return;
                case EnvelopeKind.Replay when order is null:
                    return; // history from before this server knew the sender: not for its clients
                case EnvelopeKind.Message when order is null:
                    order = new SenderOrder(envelope.Sequence - 1);
                    _senders[envelope.Server] = order;
                    break;
            }

            long lost = order!.Accept(envelope.Sequence, envelope.Payload.ToArray(), Stopwatch.GetTimestamp(), _deliverable);
            ReportLost(envelope.Server, lost);
            await DeliverPendingAsync().ConfigureAwait(false);
        }
        finally
        {
            _inbound.Release();
        }
    }

    private async Task DeliverPendingAsync()
    {
        foreach (byte[] payload in _deliverable)
        {
            await _deliver(payload).ConfigureAwait(false);
        }

        _deliverable.Clear();
    }

    /// <summary>Publishes, in order: the mark and replay others asked for, then this server's new messages.</summary>
    private async Task PublishLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(s_tick, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (State != ChatBackplaneState.Joined)
            {
                continue;
            }

            try
            {
                ISubscriber subscriber = _redis!.GetSubscriber();
                if (_markRequested)
                {
                    _markRequested = false;
                    await subscriber.PublishAsync(_channel, new Envelope(EnvelopeKind.Mark, ServerId, Interlocked.Read(ref _publishedUpTo), default).ToBytes()).ConfigureAwait(false);
                }

                if (_replayRequested)
                {
                    _replayRequested = false;
                    foreach ((long sequence, byte[] payload) in Published())
                    {
                        await subscriber.PublishAsync(_channel, new Envelope(EnvelopeKind.Replay, ServerId, sequence, payload).ToBytes()).ConfigureAwait(false);
                    }
                }

                while (NextToPublish() is (long sequence, byte[] payload))
                {
                    await subscriber.PublishAsync(_channel, new Envelope(EnvelopeKind.Message, ServerId, sequence, payload).ToBytes()).ConfigureAwait(false);
                    Interlocked.Exchange(ref _publishedUpTo, sequence);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                GoDown(ex.Message); // what was not published stays in the replay memory
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    /// <summary>The next message to publish, or null; messages pushed out of the replay memory before being published are lost.</summary>
    private (long, byte[])? NextToPublish()
    {
        lock (_ringLock)
        {
            long wanted = _publishedUpTo + 1;
            if (wanted > _lastSequence)
            {
                return null;
            }

            long oldest = Math.Max(1, _lastSequence - _ring.Length + 1);
            if (wanted < oldest)
            {
                long lost = oldest - wanted;
                _report(ChatNoticeLevel.Warning, $"{lost} message(s) of this server were never sent to the other servers: Redis was down longer than the replay memory ({_ring.Length} messages) lasts");
                _publishedUpTo = oldest - 1;
                wanted = oldest;
            }

            (long sequence, byte[]? payload) = _ring[wanted % _ring.Length];
            return (sequence, payload!);
        }
    }

    /// <summary>The published messages still in the replay memory, oldest first.</summary>
    private List<(long, byte[])> Published()
    {
        lock (_ringLock)
        {
            var published = new List<(long, byte[])>();
            for (long sequence = Math.Max(1, _lastSequence - _ring.Length + 1); sequence <= _publishedUpTo; sequence++)
            {
                (long stored, byte[]? payload) = _ring[sequence % _ring.Length];
                if (stored == sequence && payload is not null)
                {
                    published.Add((sequence, payload));
                }
            }

            return published;
        }
    }

    private void Joined()
    {
        Interlocked.Exchange(ref _helloSentAt, 0);
        _helloAttempts = 0;
        if (Interlocked.Exchange(ref _state, (int)ChatBackplaneState.Joined) == (int)ChatBackplaneState.Joined)
        {
            return;
        }

        long waiting;
        lock (_ringLock)
        {
            waiting = _lastSequence - _publishedUpTo;
        }

        _report(ChatNoticeLevel.Information, _everJoined
            ? $"Redis {_options.Endpoint} is back: rejoined room '{_options.Room}'{(waiting > 0 ? $", sending the {waiting} message(s) written meanwhile" : "")}"
            : $"joined room '{_options.Room}' on Redis {_options.Endpoint}");
        _everJoined = true;
        StateChanged?.Invoke(this, ChatBackplaneState.Joined);
        Wake();
    }

    private void GoDown(string why)
    {
        Interlocked.Exchange(ref _helloSentAt, 0);
        if (Interlocked.Exchange(ref _state, (int)ChatBackplaneState.Down) == (int)ChatBackplaneState.Down)
        {
            return;
        }

        _report(ChatNoticeLevel.Warning, $"Redis {_options.Endpoint} is unreachable ({why}): serving local clients only; " +
            $"messages written meanwhile (up to {_ring.Length}) go to the other servers when it returns");
        StateChanged?.Invoke(this, ChatBackplaneState.Down);
    }

    private void ReportLost(Guid server, long lost)
    {
        if (lost > 0)
        {
            Interlocked.Add(ref _lost, lost);
            _report(ChatNoticeLevel.Warning, $"{lost} message(s) of server {server:N} were lost: it was cut off from Redis longer than its replay memory lasts");
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }
}
