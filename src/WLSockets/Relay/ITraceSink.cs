namespace WLSockets.Relay;

/// <summary>
/// Receives what a <see cref="TraceRelay"/> sees. Timestamps are microseconds since the Unix epoch (UTC), taken
/// from <see cref="TraceRelayOptions.TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>Threading: events of different connections, and of the two directions of one connection, arrive on
/// different threads at the same time; a sink serialises its own output. Events of one direction of one connection
/// arrive in order.</para>
/// <para>The relay waits for each call: a slow sink slows the relayed traffic (back-pressure, never an unbounded
/// queue). Spans are only valid during the call.</para>
/// <para><see cref="OnMessage"/> and <see cref="OnWarning"/> come from a <see cref="TraceDecoder"/>, not from the relay.</para>
/// </remarks>
public interface ITraceSink
{
    /// <summary>False when the sink ignores <see cref="OnData"/>: the relay then skips the call and the timestamp.</summary>
    bool WantsData { get; }

    /// <summary>A client was accepted and the relay is connected to the target.</summary>
    void OnOpen(long timestampMicros, TraceConnection connection);

    /// <summary>Bytes read from one side, before they are written to the other.</summary>
    void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data);

    /// <summary>The sending side of <paramref name="direction"/> ended its stream (FIN); the relay passed it on.</summary>
    void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction);

    /// <summary>The connection is over: both sockets are closed.</summary>
    void OnClose(long timestampMicros, TraceClose close);

    /// <summary>Something failed on the connection (target unreachable, TLS handshake, reset ...).</summary>
    void OnError(long timestampMicros, long connectionId, WLSocketException failure);

    /// <summary>A <see cref="TraceDecoder"/> cut one whole WinDev message out of a direction.</summary>
    void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload)
    {
    }

    /// <summary>
    /// A <see cref="TraceDecoder"/> found bytes that break the framing; <paramref name="raw"/> holds the bytes it could
    /// not decode (possibly empty), and the rest of the direction follows as <see cref="OnData"/>.
    /// </summary>
    void OnWarning(long timestampMicros, long connectionId, TraceDirection direction, string message, ReadOnlySpan<byte> raw)
    {
    }
}
