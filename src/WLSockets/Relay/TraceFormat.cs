namespace WLSockets.Relay;

/// <summary>The line formats of a <see cref="TraceWriter"/>.</summary>
public enum TraceFormat
{
    /// <summary>One line per event; data as printable ASCII with escapes (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\0</c>, <c>\\</c>, <c>\xNN</c>).</summary>
    Text = 0,

    /// <summary>One line per event, then a hex dump of the data: stream offset, 16 bytes in hex, printable ASCII.</summary>
    Hex = 1,

    /// <summary>One JSON object per line and event, data in base64 (schema in docs/trace.md).</summary>
    Jsonl = 2,
}
