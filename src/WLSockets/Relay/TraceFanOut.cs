namespace WLSockets.Relay;

/// <summary>Passes every event to several sinks in turn (a pcap file and a text log, for example).</summary>
public sealed class TraceFanOut : ITraceSink
{
    private readonly ITraceSink[] _sinks;
    private readonly ITraceSink[] _dataSinks;

    /// <param name="sinks">The sinks, called in this order.</param>
    public TraceFanOut(params ITraceSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks];
        _dataSinks = [.. sinks.Where(s => s.WantsData)];
    }

    /// <inheritdoc/>
    public bool WantsData => _dataSinks.Length > 0;

    /// <inheritdoc/>
    public void OnOpen(long timestampMicros, TraceConnection connection)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnOpen(timestampMicros, connection);
        }
    }

    /// <inheritdoc/>
    public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data)
    {
        foreach (ITraceSink sink in _dataSinks)
        {
            sink.OnData(timestampMicros, connectionId, direction, data);
        }
    }

    /// <inheritdoc/>
    public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnHalfClose(timestampMicros, connectionId, direction);
        }
    }

    /// <inheritdoc/>
    public void OnClose(long timestampMicros, TraceClose close)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnClose(timestampMicros, close);
        }
    }

    /// <inheritdoc/>
    public void OnError(long timestampMicros, long connectionId, WLSocketException failure)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnError(timestampMicros, connectionId, failure);
        }
    }

    /// <inheritdoc/>
    public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnMessage(timestampMicros, connectionId, direction, payload);
        }
    }

    /// <inheritdoc/>
    public void OnWarning(long timestampMicros, long connectionId, TraceDirection direction, string message, ReadOnlySpan<byte> raw)
    {
        foreach (ITraceSink sink in _sinks)
        {
            sink.OnWarning(timestampMicros, connectionId, direction, message, raw);
        }
    }
}
