using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace WLSockets.Chat;

/// <summary>
/// One connected client of a <see cref="ChatServer"/>: its connection, its bounded outgoing queue (drained by one
/// writer task) and the counters of its table row.
/// </summary>
internal sealed class ChatSession
{
    private readonly Channel<byte[]> _queue;
    private readonly int _queueLength;
    private readonly long _queueBytes;
    private long _queuedBytes;
    private long _lastActivityTicks;
    private long _received;
    private long _sent;
    private int _ended;

    public ChatSession(MessageConnection connection, ChatServerOptions options)
    {
        Connection = connection;
        _queueLength = options.ClientQueueLength;
        _queueBytes = options.ClientQueueBytes;
        _queue = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(_queueLength)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then answers false: the client is too slow
        });
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

    public ChatClientInfo Snapshot() => new(
        ChannelName,
        Address,
        ConnectedAt,
        new DateTimeOffset(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero),
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _sent),
        _queue.Reader.Count);

    /// <summary>Counts a message received from this client.</summary>
    public void Received()
    {
        Interlocked.Increment(ref _received);
        Interlocked.Exchange(ref _lastActivityTicks, DateTimeOffset.UtcNow.UtcTicks);
    }

    /// <summary>Queues <paramref name="message"/> for this client, or says why it cannot keep up.</summary>
    public bool TryEnqueue(byte[] message, out string? reason)
    {
        long bytes = Interlocked.Add(ref _queuedBytes, message.Length);
        if (bytes > _queueBytes)
        {
            Interlocked.Add(ref _queuedBytes, -message.Length);
            reason = $"too slow: more than {_queueBytes} bytes were waiting to be sent to it";
            return false;
        }

        if (!_queue.Writer.TryWrite(message))
        {
            Interlocked.Add(ref _queuedBytes, -message.Length);
            reason = HasEnded ? null : $"too slow: {_queueLength} messages were waiting to be sent to it";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Writes queued messages until the queue is completed or a write fails (the exception says why).</summary>
    public async Task WriteLoopAsync()
    {
        ChannelReader<byte[]> reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out byte[]? message))
            {
                Interlocked.Add(ref _queuedBytes, -message.Length);
                await Connection.SendAsync(message).ConfigureAwait(false);
                Interlocked.Increment(ref _sent);
            }
        }
    }

    /// <summary>Marks the session ended with <paramref name="reason"/> (first call wins) and stops its queue.</summary>
    public bool TryEnd(string reason)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        EndReason = reason;
        _queue.Writer.TryComplete();
        return true;
    }
}
