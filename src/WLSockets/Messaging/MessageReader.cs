using System.Buffers;
using System.Runtime.CompilerServices;
using WLSockets.Framing;
using WLSockets.Internal;
using WLSockets.Transports;

namespace WLSockets.Messaging;

/// <summary>
/// The receive side of a connection: fills a bounded buffer from the transport and cuts whole messages out of it with
/// the framer of the current mode.
/// </summary>
/// <remarks>
/// <para>Nothing received is ever dropped: on a timeout the partial message stays buffered and the next read resumes
/// it (open question F8); after a framing error the bytes stay buffered too and the connection is
/// <em>desynchronised</em>: every read fails the same way until the mode is changed (F6, F10).</para>
/// <para>One read at a time; concurrent reads wait for each other within their own timeout.</para>
/// </remarks>
internal sealed class MessageReader : IDisposable
{
    private const int ReceiveChunk = 16 * 1024;
    private readonly Transport _transport;
    private readonly ReceiveBuffer _buffer = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private int _markerSearchFrom;
    private byte[] _markerSearched = []; // the marker _markerSearchFrom was computed for
    private bool _endOfStream;
    private volatile WLSocketException? _desynchronised;
    private volatile bool _disposed;

    public MessageReader(Transport transport) => _transport = transport;

    /// <summary>Bytes received and not yet returned.</summary>
    public int BufferedLength => _buffer.Length;

    /// <summary>True once the peer has closed its sending side.</summary>
    public bool EndOfStream => _endOfStream;

    /// <param name="io">Block or await.</param>
    /// <param name="framing">The framing snapshot to read under.</param>
    /// <param name="maxMessageSize">Largest payload accepted.</param>
    /// <param name="rawReadSize">Raw mode: most bytes returned.</param>
    /// <param name="idle">When positive, the longest wait without any byte arriving once a message has begun
    /// (raw mode: keep gathering receives until this much silence or <paramref name="rawReadSize"/>; WinDev's
    /// 2025 <c>&lt;Délai de réception des données&gt;</c>, open question F11).</param>
    /// <param name="deadline">When the whole read gives up with <see cref="WLSocketError.Timeout"/>.</param>
    /// <param name="cancellationToken">Cancels the wait; buffered bytes are kept.</param>
    /// <param name="into">When given, the payload is written there and <see cref="ReceivedMessage.Payload"/> is empty.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedMessage> ReadAsync(IOBehavior io, FramingState framing, long maxMessageSize, int rawReadSize,
        TimeSpan idle, Deadline deadline, CancellationToken cancellationToken, IBufferWriter<byte>? into = null)
    {
        await AcquireAsync(io, deadline, cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                throw SocketErrors.Closed("Receive");
            }

            if (_desynchronised is { } desynchronised)
            {
                throw new WLSocketException(desynchronised.Error, desynchronised.Message);
            }

            long max = Math.Min(maxMessageSize, Array.MaxLength - 1024);
            bool gathering = true;
            while (true)
            {
                ReadOnlySpan<byte> data = _buffer.Data;
                FrameStatus status;
                Range payload = default;
                int consumed = 0;
                int sizeHint = ReceiveChunk;
                int limit;
                switch (framing.Mode)
                {
                    case TransmissionMode.SizePrefixed:
                        status = LengthPrefixFramer.TryRead(data, max, out payload, out consumed);
                        limit = (int)max + LengthPrefixFramer.MaxHeaderLength;
                        if (status == FrameStatus.NeedMoreData
                            && LengthPrefixFramer.TryReadHeader(data, max, out int header, out long length) == FrameStatus.Complete)
                        {
                            // Room for the rest of the message, but never more than what already arrived (at least one
                            // chunk): memory follows the bytes a peer sends, not the length it announces (a 64 MiB header
                            // followed by silence allocated 64 MiB per connection; found by the allocation properties).
                            sizeHint = (int)Math.Min(header + length - data.Length, Math.Max(ReceiveChunk, data.Length));
                        }

                        break;
                    case TransmissionMode.EndTag:
                    case TransmissionMode.EndTagBuffer:
                        if (!framing.Marker.AsSpan().SequenceEqual(_markerSearched))
                        {
                            // The marker changed since the last partial search (F10): the bytes already scanned
                            // may contain the new marker, so scan them again.
                            _markerSearchFrom = 0;
                            _markerSearched = framing.Marker;
                        }

                        status = EndMarkerFramer.TryRead(data, framing.Marker, max, _markerSearchFrom, out payload, out consumed, out int next);
                        _markerSearchFrom = next;
                        limit = (int)max + framing.Marker.Length;
                        break;
                    default:
                        int available = Math.Min(data.Length, rawReadSize);
                        bool enough = available == rawReadSize || idle <= TimeSpan.Zero || !gathering || _endOfStream;
                        status = available > 0 && enough ? FrameStatus.Complete : FrameStatus.NeedMoreData;
                        payload = 0..available;
                        consumed = available;
                        limit = rawReadSize;
                        sizeHint = rawReadSize - data.Length;
                        break;
                }

                switch (status)
                {
                    case FrameStatus.Complete:
                        ReadOnlySpan<byte> bytes = data[payload];
                        byte[] message;
                        if (into is null)
                        {
                            message = bytes.ToArray();
                        }
                        else
                        {
                            into.Write(bytes); // the caller's buffer: no allocation per message
                            message = [];
                        }

                        int length = bytes.Length;
                        _buffer.Consume(consumed);
                        _markerSearchFrom = 0;
                        return new ReceivedMessage(message, framing.Mode == TransmissionMode.EndTag && _buffer.Length > 0, length);
                    case FrameStatus.InvalidHeader:
                        throw Desynchronise(WLSocketError.FramingError, InvalidHeaderMessage(data));
                    case FrameStatus.TooLarge:
                        throw Desynchronise(WLSocketError.MessageTooLarge,
                            $"Message too large: it exceeds the {max:N0}-byte maximum. Nothing of that size was allocated; the connection is out of step and reads fail until the mode is changed or it is closed. Raise MaxMessageSize if such messages are expected.");
                }

                if (_endOfStream)
                {
                    throw EndOfStreamError(framing, data.Length);
                }

                int buffered = data.Length;
                Deadline receiveDeadline = deadline;
                if (idle > TimeSpan.Zero && buffered > 0)
                {
                    receiveDeadline = Deadline.Earliest(deadline, Deadline.After(idle));
                }

                int received;
                try
                {
                    if (buffered == 0 && io == IOBehavior.Asynchronous && _transport.WaitsOnEmptyReceive)
                    {
                        // An idle connection holds no buffer: give it back, wait for bytes with a zero-byte receive,
                        // then take one from the pool (10,000 idle connections would otherwise pin 16 KiB each).
                        _buffer.ReleaseIfEmpty();
                        await _transport.ReceiveAsync(Memory<byte>.Empty, io, receiveDeadline, cancellationToken).ConfigureAwait(false);
                    }

                    Memory<byte> free = _buffer.GetFreeMemory(sizeHint, limit);
                    received = await _transport.ReceiveAsync(free, io, receiveDeadline, cancellationToken).ConfigureAwait(false);
                }
                catch (WLSocketException ex) when (ex.Error == WLSocketError.Timeout && framing.Mode == TransmissionMode.NoEndTag
                    && buffered > 0 && !deadline.HasExpired)
                {
                    gathering = false; // raw mode: the idle delay passed, return what was gathered
                    continue;
                }

                if (received == 0)
                {
                    _endOfStream = true;
                    if (framing.Mode == TransmissionMode.NoEndTag && buffered > 0)
                    {
                        continue; // hand out what is buffered; the next read reports the end
                    }
                }
                else
                {
                    _buffer.Advance(received);
                }
            }
        }
        finally
        {
            if (_disposed)
            {
                _buffer.Dispose(); // disposed while this read held the lock: return the memory now
            }

            _lock.Release();
        }
    }

    private async ValueTask AcquireAsync(IOBehavior io, Deadline deadline, CancellationToken cancellationToken)
    {
        if (!await _lock.EnterAsync(io, deadline, cancellationToken).ConfigureAwait(false))
        {
            throw new WLSocketException(WLSocketError.Timeout, "Receive timed out: another read on this connection was still in progress.");
        }
    }

    /// <summary>The mode changed: read the kept bytes under the new mode (open question F10).</summary>
    public void ClearFramingError() => _desynchronised = null;

    private WLSocketException Desynchronise(WLSocketError error, string message)
    {
        _desynchronised = new WLSocketException(error, message);
        return new WLSocketException(error, message);
    }

    private static string InvalidHeaderMessage(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> head = data[..Math.Min(data.Length, LengthPrefixFramer.MaxHeaderLength + 1)];
        return "Framing error: expected a WinDev length header (decimal digits then CR LF, e.g. \"9\\r\\n\") but received "
            + Convert.ToHexString(head).ToLowerInvariant()
            + ". The peer does not use SocketTailleDébut (length-prefixed) mode: use the same transmission mode on both sides. The bytes are kept; reads fail until the mode is changed.";
    }

    private WLSocketException EndOfStreamError(FramingState framing, int buffered)
    {
        if (buffered == 0)
        {
            return new WLSocketException(WLSocketError.ConnectionClosed, "The peer closed the connection.");
        }

        string missing = framing.Mode == TransmissionMode.SizePrefixed
            && LengthPrefixFramer.TryReadHeader(_buffer.Data, long.MaxValue, out int header, out long length) == FrameStatus.Complete
            ? $"{buffered - header} of the {length} announced bytes"
            : framing.Mode == TransmissionMode.SizePrefixed ? $"{buffered} bytes of an incomplete length header" : $"{buffered} bytes without the end marker";
        return new WLSocketException(WLSocketError.ConnectionClosed,
            $"The peer closed the connection in the middle of a message: {missing} arrived. They stay buffered: switch to raw mode (SocketSansMarqueurFin) to read them.");
    }

    /// <summary>
    /// Releases the buffer. Safe while a read is still unwinding on another thread (a close wakes it with
    /// <see cref="WLSocketError.ConnectionReset"/>): the buffer is only released under the read lock, by whichever of
    /// this method or that read holds it last, and later reads fail as closed. The semaphore itself is not disposed:
    /// it owns no OS handle, and disposing it under a thread still inside a read made that read end with an
    /// <see cref="ObjectDisposedException"/> instead of its real cause.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        if (_lock.Wait(TimeSpan.FromSeconds(1)))
        {
            _buffer.Dispose();
            _lock.Release();
        }
    }
}
