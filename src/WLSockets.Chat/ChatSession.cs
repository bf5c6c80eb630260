using System.Net;
using System.Security.Cryptography;

namespace WLSockets.Chat;

/// <summary>
/// One connected client of a <see cref="ChatServer"/>: its connection, its bounded queue of messages waiting to be
/// written, and the counters of its table row.
/// </summary>
/// <remarks>
/// A message offered while nothing is being written to this client is written at once by the caller (the fan-out),
/// which costs no task switch when the kernel takes it straight away, the usual case. Otherwise it waits in the queue,
/// drained by the continuation of the write in progress. At most one write is in flight per client, so messages keep
/// their order.
/// </remarks>
internal sealed class ChatSession
{
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _queue = new();
    private readonly int _queueLength;
    private readonly long _queueBytes;
    private readonly Action<ChatSession, Exception> _writeFailed;
    private long _queuedBytes;
    private bool _writing;
    private long _lastActivityTicks;
    private long _received;
    private long _sent;
    private int _ended;

    public ChatSession(MessageConnection connection, ChatServerOptions options, Action<ChatSession, Exception> writeFailed)
    {
        Connection = connection;
        _queueLength = options.ClientQueueLength;
        _queueBytes = options.ClientQueueBytes;
        _writeFailed = writeFailed;
        // The name WinDev's SocketAccepte gives a channel: "C" + 16 hex digits (examples.md §2.6).
        ChannelName = "C" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        Address = connection.RemoteEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        ConnectedAt = DateTimeOffset.UtcNow;
        _lastActivityTicks = ConnectedAt.UtcTicks;
    }

    public MessageConnection Connection { get; }

    public string ChannelName { get; }

    public IPEndPoint Address { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Why the session ended, once it has.</summary>
    public string? EndReason { get; private set; }

    public bool HasEnded => Volatile.Read(ref _ended) != 0;

    public ChatClientInfo Snapshot()
    {
        int queued;
        lock (_gate)
        {
            queued = _queue.Count;
        }

        return new(ChannelName, Address, ConnectedAt, new DateTimeOffset(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero),
            Interlocked.Read(ref _received), Interlocked.Read(ref _sent), queued);
    }

    /// <summary>Counts a message received from this client.</summary>
    public void Received()
    {
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);
    }

    /// <summary>
    /// Writes <paramref name="message"/> now, or queues it behind the write in progress; false with a reason when this
    /// client is too far behind (false without a reason once the session has ended).
    /// </summary>
    public bool TryEnqueue(byte[] message, out string? reason)
    {
        reason = null;
        lock (_gate)
        {
            if (HasEnded)
            {
                return false;
            }

            if (_writing)
            {
                if (_queue.Count >= _queueLength)
                {
                    reason = $"too slow: {_queueLength} messages were waiting to be sent to it";
                    return false;
                }

                if (_queuedBytes + message.Length > _queueBytes)
                {
                    reason = $"too slow: more than {_queueBytes} bytes were waiting to be sent to it";
                    return false;
                }

                _queue.Enqueue(message);
                _queuedBytes += message.Length;
                return true;
            }

            _writing = true;
        }

        Write(message);
        return true;
    }

    /// <summary>Marks the session ended with <paramref name="reason"/> (first call wins) and drops what waits.</summary>
    public bool TryEnd(string reason)
    {
        lock (_gate)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0)
            {
                return false;
            }

            EndReason = reason;
            _queue.Clear();
            _queuedBytes = 0;
            return true;
        }
    }

    /// <summary>Writes <paramref name="message"/> and then whatever was queued meanwhile, inline while writes complete at once.</summary>
    private void Write(byte[] message)
    {
        while (true)
        {
            ValueTask sending;
            try
            {
                sending = Connection.SendAsync(message);
                if (!sending.IsCompleted)
                {
                    _ = FinishThenWriteAsync(sending);
                    return;
                }

                sending.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is WLSocketException or ObjectDisposedException)
            {
                Failed(ex);
                return;
            }

            Interlocked.Increment(ref _sent);
            if (!TryTakeNext(out message))
            {
                return;
            }
        }
    }

    private async Task FinishThenWriteAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WLSocketException or ObjectDisposedException)
        {
            Failed(ex);
            return;
        }

        Interlocked.Increment(ref _sent);
        if (TryTakeNext(out byte[] next))
        {
            Write(next);
        }
    }

    private bool TryTakeNext(out byte[] next)
    {
        lock (_gate)
        {
            if (!HasEnded && _queue.TryDequeue(out byte[]? queued))
            {
                _queuedBytes -= queued.Length;
                next = queued;
                return true;
            }

            _writing = false;
            next = [];
            return false;
        }
    }

    private void Failed(Exception ex)
    {
        lock (_gate)
        {
            _writing = false;
        }

        _writeFailed(this, ex);
    }
}
