using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace WLSockets.Relay;

/// <summary>
/// Writes every trace event to a stream as UTF-8 lines, in one of the <see cref="TraceFormat"/>s, each line with its
/// microsecond timestamp and connection id. Lines of concurrent connections never interleave.
/// </summary>
/// <remarks>
/// The text format follows WinDev's WD Trace Socket: <c>client (on ADDR) -&gt; server (on ADDR): data</c>, and <c>&lt;-</c> for
/// the other direction, with a timestamp and <c>#id</c> in front. Writes wait for the stream, so a slow output slows the
/// relay (back-pressure) instead of queueing.
/// </remarks>
public sealed class TraceWriter : ITraceSink, IDisposable
{
    private readonly SinkOutput _output;
    private readonly Lock _lock = new();
    private readonly TraceOutputBuffer _line = new();
    private readonly Utf8JsonWriter _json;
    private readonly ConcurrentDictionary<long, ConnectionLabels> _connections = new();

    /// <param name="output">Where the lines go (stdout, a file ...).</param>
    /// <param name="format">Text, hex dump or JSON lines.</param>
    /// <param name="flushEachEvent">Flush after every event (a terminal or a pipe read live); otherwise only after open and close events and at the end.</param>
    /// <param name="leaveOpen">Leave <paramref name="output"/> open when disposed.</param>
    public TraceWriter(Stream output, TraceFormat format, bool flushEachEvent = true, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown trace format.");
        }

        _output = new SinkOutput(output, leaveOpen);
        Format = format;
        FlushEachEvent = flushEachEvent;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The format written.</summary>
    public TraceFormat Format { get; }

    /// <summary>True when every event is flushed at once.</summary>
    public bool FlushEachEvent { get; }

    /// <inheritdoc/>
    public bool WantsData => true;

    /// <inheritdoc/>
    public void OnOpen(long timestampMicros, TraceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var labels = new ConnectionLabels(Label(connection.Client), Label(connection.Server));
        _connections[connection.Id] = labels;
        lock (_lock)
        {
            if (Format == TraceFormat.Jsonl)
            {
                JsonStart(timestampMicros, connection.Id, "open");
                _json.WriteString("client", labels.Client);
                _json.WriteString("listener", Label(connection.Listener));
                _json.WriteString("relay", Label(connection.RelayLocal));
                _json.WriteString("server", labels.Server);
                JsonEnd();
            }
            else
            {
                Start(timestampMicros, connection.Id);
                _line.Append("open: client (on ");
                _line.Append(labels.Client);
                _line.Append(") -> relay (on ");
                _line.Append(Label(connection.Listener));
                _line.Append(", then ");
                _line.Append(Label(connection.RelayLocal));
                _line.Append(") -> server (on ");
                _line.Append(labels.Server);
                _line.Append(")\n");
            }

            Write(flush: true);
        }
    }

    /// <inheritdoc/>
    public void OnData(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> data) =>
        WriteBytes(timestampMicros, connectionId, direction, "data", null, data);

    /// <inheritdoc/>
    public void OnMessage(long timestampMicros, long connectionId, TraceDirection direction, ReadOnlySpan<byte> payload) =>
        WriteBytes(timestampMicros, connectionId, direction, "message", null, payload);

    /// <inheritdoc/>
    public void OnWarning(long timestampMicros, long connectionId, TraceDirection direction, string message, ReadOnlySpan<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteBytes(timestampMicros, connectionId, direction, "warning", message, raw);
    }

    /// <inheritdoc/>
    public void OnHalfClose(long timestampMicros, long connectionId, TraceDirection direction)
    {
        lock (_lock)
        {
            if (Format == TraceFormat.Jsonl)
            {
                JsonStart(timestampMicros, connectionId, "half-close");
                _json.WriteString("dir", DirectionName(direction));
                JsonEnd();
            }
            else
            {
                StartDirection(timestampMicros, connectionId, direction);
                _line.Append(": end of stream (half-close passed on)\n");
            }

            Write(FlushEachEvent);
        }
    }

    /// <inheritdoc/>
    public void OnClose(long timestampMicros, TraceClose close)
    {
        ArgumentNullException.ThrowIfNull(close);
        _connections.TryRemove(close.ConnectionId, out _);
        string reason = ReasonName(close.Reason);
        lock (_lock)
        {
            if (Format == TraceFormat.Jsonl)
            {
                JsonStart(timestampMicros, close.ConnectionId, "close");
                _json.WriteString("reason", reason);
                if (close.ResetBy is { } resetBy)
                {
                    _json.WriteString("resetBy", resetBy == TraceDirection.ClientToServer ? "client" : "server");
                }

                _json.WriteNumber("c2s", close.BytesClientToServer);
                _json.WriteNumber("s2c", close.BytesServerToClient);
                JsonEnd();
            }
            else
            {
                Start(timestampMicros, close.ConnectionId);
                _line.Append("close (");
                _line.Append(reason);
                if (close.ResetBy is { } resetBy)
                {
                    _line.Append(resetBy == TraceDirection.ClientToServer ? ", reset by the client" : ", reset by the server");
                }

                _line.Append("): client -> server ");
                _line.Append(close.BytesClientToServer);
                _line.Append(" bytes, server -> client ");
                _line.Append(close.BytesServerToClient);
                _line.Append(" bytes\n");
            }

            Write(flush: true);
        }
    }

    /// <inheritdoc/>
    public void OnError(long timestampMicros, long connectionId, WLSocketException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        lock (_lock)
        {
            if (Format == TraceFormat.Jsonl)
            {
                JsonStart(timestampMicros, connectionId, "error");
                _json.WriteNumber("code", (int)failure.Error);
                _json.WriteString("message", failure.Message);
                JsonEnd();
            }
            else
            {
                Start(timestampMicros, connectionId);
                _line.Append("error ");
                _line.Append((int)failure.Error);
                _line.Append(": ");
                _line.Append(failure.Message.ReplaceLineEndings(" "));
                _line.Append('\n');
            }

            Write(flush: true);
        }
    }

    /// <summary>Flushes what is left; closes the stream unless told to leave it open.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_output.IsDisposed)
            {
                return;
            }

            try
            {
                _output.Dispose();
            }
            finally
            {
                _json.Dispose();
                _line.Dispose();
            }
        }
    }

    private void WriteBytes(long timestampMicros, long connectionId, TraceDirection direction, string kind, string? message, ReadOnlySpan<byte> data)
    {
        _connections.TryGetValue(connectionId, out ConnectionLabels? labels);
        long offset = 0;
        if (labels is not null && kind == "data")
        {
            offset = labels.Offsets[(int)direction];
            labels.Offsets[(int)direction] += data.Length;
        }

        lock (_lock)
        {
            switch (Format)
            {
                case TraceFormat.Jsonl:
                    JsonStart(timestampMicros, connectionId, kind);
                    _json.WriteString("dir", DirectionName(direction));
                    if (message is not null)
                    {
                        _json.WriteString("message", message);
                    }
                    else if (kind == "data")
                    {
                        _json.WriteNumber("offset", offset);
                    }

                    _json.WriteNumber("len", data.Length);
                    _json.WriteBase64String("data", data);
                    JsonEnd();
                    break;
                case TraceFormat.Hex:
                    StartDirection(timestampMicros, connectionId, direction, labels);
                    AppendKind(kind, message, data.Length);
                    _line.Append('\n');
                    _line.AppendHexDump(data, kind == "data" ? offset : 0);
                    break;
                default:
                    StartDirection(timestampMicros, connectionId, direction, labels);
                    AppendKind(kind, message, data.Length);
                    if (!data.IsEmpty)
                    {
                        _line.Append(' ');
                        _line.AppendEscaped(data);
                    }

                    _line.Append('\n');
                    break;
            }

            Write(FlushEachEvent);
        }
    }

    /// <summary><c>": 12 bytes:"</c>, <c>" message (9 bytes):"</c>, <c>" WARNING: reason (5 bytes):"</c>.</summary>
    private void AppendKind(string kind, string? message, int length)
    {
        switch (kind)
        {
            case "message":
                _line.Append(" message (");
                break;
            case "warning":
                _line.Append(" WARNING: ");
                _line.Append(message!.ReplaceLineEndings(" "));
                _line.Append(" (");
                break;
            default:
                _line.Append(" (");
                break;
        }

        _line.Append(length);
        _line.Append(length == 1 ? " byte):" : " bytes):");
    }

    private void Start(long timestampMicros, long connectionId)
    {
        _line.AppendTimestamp(timestampMicros);
        _line.Append(" #");
        _line.Append(connectionId);
        _line.Append(' ');
    }

    private void StartDirection(long timestampMicros, long connectionId, TraceDirection direction, ConnectionLabels? labels = null)
    {
        labels ??= _connections.GetValueOrDefault(connectionId);
        Start(timestampMicros, connectionId);
        _line.Append("client (on ");
        _line.Append(labels?.Client ?? "?");
        _line.Append(direction == TraceDirection.ClientToServer ? ") -> server (on " : ") <- server (on ");
        _line.Append(labels?.Server ?? "?");
        _line.Append(')');
    }

    private void JsonStart(long timestampMicros, long connectionId, string kind)
    {
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteNumber("ts", timestampMicros);
        _json.WriteString("time", TraceClock.Format(timestampMicros));
        _json.WriteNumber("conn", connectionId);
        _json.WriteString("event", kind);
    }

    private void JsonEnd()
    {
        _json.WriteEndObject();
        _json.Flush();
        _line.Append('\n');
    }

    private void Write(bool flush)
    {
        try
        {
            _output.Write(_line.WrittenSpan);
            if (flush)
            {
                _output.Flush();
            }
        }
        finally
        {
            _line.Clear();
        }
    }

    private static string DirectionName(TraceDirection direction) => direction == TraceDirection.ClientToServer ? "c2s" : "s2c";

    private static string ReasonName(TraceCloseReason reason) => reason switch
    {
        TraceCloseReason.Normal => "normal",
        TraceCloseReason.Reset => "reset",
        TraceCloseReason.Error => "error",
        _ => "stopped",
    };

    private static string Label(IPEndPoint endPoint) =>
        (endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint).ToString();

    private sealed class ConnectionLabels(string client, string server)
    {
        public string Client { get; } = client;

        public string Server { get; } = server;

        /// <summary>Bytes of data shown so far per direction (the dump offsets); each direction is touched by one thread.</summary>
        public long[] Offsets { get; } = new long[2];
    }
}
