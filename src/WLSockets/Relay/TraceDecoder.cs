using System.Buffers;
using System.Collections.Concurrent;
using WLSockets.Framing;

namespace WLSockets.Relay;

/// <summary>
/// Cuts each direction of each relayed connection into WinDev messages with the library's own framers, incrementally,
/// and passes one <see cref="ITraceSink.OnMessage"/> per message to the inner sink; every other event goes through.
/// </summary>
/// <remarks>
/// <para>Modes: <see cref="TransmissionMode.SizePrefixed"/> (<c>"9\r\nHelloWord"</c>), <see cref="TransmissionMode.EndTag"/> and
/// <see cref="TransmissionMode.EndTagBuffer"/> (payload then marker; in <c>EndTag</c> mode, bytes that follow a marker in
/// the same receive get a warning once per direction, as WinDev's <c>SocketMarqueurFin</c> reports them), and
/// <see cref="TransmissionMode.NoEndTag"/> (one message per receive, as <c>SocketSansMarqueurFin</c> reads).</para>
/// <para>When a direction breaks the framing (a length header that is not a number, a message above
/// <see cref="MaxMessageSize"/>, a stream that ends inside a message), a warning carries the bytes that could not be
/// decoded and the rest of that direction is passed on as raw <see cref="ITraceSink.OnData"/>: nothing is hidden.
/// At most <see cref="MaxMessageSize"/> plus one receive is buffered per direction.</para>
/// <para>Thread-safe in the way <see cref="ITraceSink"/> requires: each direction's events arrive in order.</para>
/// </remarks>
public sealed class TraceDecoder : ITraceSink
{
    private readonly ITraceSink _inner;
    private readonly byte[] _marker;
    private readonly ConcurrentDictionary<long, DirectionState[]> _connections = new();

    /// <param name="inner">Receives the messages, warnings and the other events.</param>
    /// <param name="mode">The WinDev transmission mode both peers use.</param>
    /// <param name="marker">The end marker of <see cref="TransmissionMode.EndTag"/> and <see cref="TransmissionMode.EndTagBuffer"/> (ignored otherwise).</param>
    /// <param name="maxMessageSize">Largest message decoded; a larger one breaks the framing of its direction.</param>
    public TraceDecoder(ITraceSink inner, TransmissionMode mode, ReadOnlySpan<byte> marker, int maxMessageSize = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown transmission mode.");
        }

        if (mode is TransmissionMode.EndTag or TransmissionMode.EndTagBuffer && marker.IsEmpty)
        {
            throw new ArgumentException("The end marker cannot be empty.", nameof(marker));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessageSize, Array.MaxLength / 2);
        _inner = inner;
        Mode = mode;
        _marker = marker.ToArray();
        MaxMessageSize = maxMessageSize;
    }

    /// <summary>The transmission mode decoded.</summary>
    public TransmissionMode Mode { get; }

    /// <summary>Largest message decoded.</summary>
    public int MaxMessageSize { get; }

    /// <inheritdoc/>
    public bool WantsData => true;

    /// <inheritdoc/>
    public void OnOpen(long timestampMicros, TraceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.Id] = [new DirectionState(), new DirectionState()];
        _inner.OnOpen(timestampMicros, connection);
    }

    /// <inheritdoc/>
    public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data)
    {
        if (!_connections.TryGetValue(connectionId, out DirectionState[]? states))
        {
            _inner.OnData(timestampMicros, connectionId, direction, data);
            return;
        }

        DirectionState state = states[(int)direction];
        if (state.Broken)
        {
            _inner.OnData(timestampMicros, connectionId, direction, data);
            return;
        }

        if (Mode == TransmissionMode.NoEndTag)
        {
            _inner.OnMessage(timestampMicros, connectionId, direction, data);
            return;
        }

        state.Append(data);
        while (state.Length > 0)
        {
            ReadOnlySpan<byte> buffered = state.Data;
            FrameStatus status;
            Range payload;
            int consumed;
            if (Mode == TransmissionMode.SizePrefixed)
            {
                status = LengthPrefixFramer.TryRead(buffered, MaxMessageSize, out payload, out consumed);
            }
            else
            {
                status = EndMarkerFramer.TryRead(buffered, _marker, MaxMessageSize, state.SearchFrom, out payload, out consumed, out int next);
                state.SearchFrom = next;
            }

            if (status == FrameStatus.NeedMoreData)
            {
                return;
            }

            if (status == FrameStatus.Complete)
            {
                _inner.OnMessage(timestampMicros, connectionId, direction, buffered[payload]);
                state.Consume(consumed);
                if (Mode == TransmissionMode.EndTag && state.Length > 0 && !state.WarnedAfterMarker)
                {
                    state.WarnedAfterMarker = true;
                    _inner.OnWarning(timestampMicros, connectionId, direction,
                        "bytes follow an end marker in the same receive: WinDev's SocketMarqueurFin reports this (EndMarkersNotRespected) and drops them; they are decoded here as the next messages. Decode with endtag-buffer if the peers expect it (warned once per direction).",
                        []);
                }

                continue;
            }

            string reason = status == FrameStatus.InvalidHeader
                ? $"the framing is broken: expected a WinDev length header (decimal digits then CR LF, e.g. \"9\\r\\n\") but got {Convert.ToHexStringLower(buffered[..Math.Min(buffered.Length, LengthPrefixFramer.MaxHeaderLength + 1)])}"
                : $"the framing is broken: a message exceeds the {MaxMessageSize:N0}-byte maximum (raise the maximum if such messages are expected)";
            Break(timestampMicros, connectionId, direction, state, reason + "; the undecoded bytes follow, and the rest of this direction is shown raw.");
            return;
        }
    }

    /// <inheritdoc/>
    public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
    {
        if (_connections.TryGetValue(connectionId, out DirectionState[]? states))
        {
            Flush(timestampMicros, connectionId, direction, states[(int)direction]);
        }

        _inner.OnHalfClose(timestampMicros, connectionId, direction);
    }

    /// <inheritdoc/>
    public void OnClose(long timestampMicros, TraceClose close)
    {
        ArgumentNullException.ThrowIfNull(close);
        if (_connections.TryRemove(close.ConnectionId, out DirectionState[]? states))
        {
            Flush(timestampMicros, close.ConnectionId, TraceDirection.ClientToServer, states[0]);
            Flush(timestampMicros, close.ConnectionId, TraceDirection.ServerToClient, states[1]);
            states[0].Dispose();
            states[1].Dispose();
        }

        _inner.OnClose(timestampMicros, close);
    }

    /// <inheritdoc/>
    public void OnError(long timestampMicros, long connectionId, WLSocketException failure) => _inner.OnError(timestampMicros, connectionId, failure);

    /// <inheritdoc/>
    public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload) =>
        _inner.OnMessage(timestampMicros, connectionId, direction, payload);

    /// <inheritdoc/>
    public void OnWarning(long timestampMicros, long connectionId, TraceDirection direction, string message, ReadOnlySpan<byte> raw) =>
        _inner.OnWarning(timestampMicros, connectionId, direction, message, raw);

    private void Flush(long timestampMicros, long connectionId, TraceDirection direction, DirectionState state)
    {
        if (!state.Broken && state.Length > 0)
        {
            Break(timestampMicros, connectionId, direction, state,
                $"the stream ended inside a message: {state.Length:N0} bytes never formed a whole message; they follow.");
        }
    }

    private void Break(long timestampMicros, long connectionId, TraceDirection direction, DirectionState state, string message)
    {
        state.Broken = true;
        _inner.OnWarning(timestampMicros, connectionId, direction, message, state.Data);
        state.Consume(state.Length);
    }

    /// <summary>What one direction has buffered: a pooled array that grows up to the largest message plus one receive.</summary>
    private sealed class DirectionState : IDisposable
    {
        private byte[] _buffer = [];
        private int _start;

        public int Length { get; private set; }

        public int SearchFrom { get; set; }

        public bool Broken { get; set; }

        public bool WarnedAfterMarker { get; set; }

        public ReadOnlySpan<byte> Data => _buffer.AsSpan(_start, Length);

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_start + Length + data.Length > _buffer.Length)
            {
                if (Length + data.Length <= _buffer.Length)
                {
                    _buffer.AsSpan(_start, Length).CopyTo(_buffer);
                }
                else
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(Length + data.Length, 4096));
                    _buffer.AsSpan(_start, Length).CopyTo(larger);
                    Return();
                    _buffer = larger;
                }

                _start = 0;
            }

            data.CopyTo(_buffer.AsSpan(_start + Length));
            Length += data.Length;
        }

        public void Consume(int count)
        {
            _start += count;
            Length -= count;
            SearchFrom = 0;
            if (Length == 0)
            {
                _start = 0;
            }
        }

        public void Dispose()
        {
            Return();
            _buffer = [];
            Length = 0;
            _start = 0;
        }

        private void Return()
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }
    }
}
