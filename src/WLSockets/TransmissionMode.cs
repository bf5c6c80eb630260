namespace WLSockets;

/// <summary>
/// How messages are delimited on the wire (WinDev "transmission mode"). Both peers must use the same mode:
/// it is never negotiated.
/// </summary>
/// <remarks>The numeric values are WinDev's constant values.</remarks>
public enum TransmissionMode
{
    /// <summary>
    /// <c>SocketMarqueurFin</c>: payload then end marker (default <c>&lt;EOF&gt;</c>). Data received after the
    /// marker is reported (<see cref="WLSocketError.EndMarkersNotRespected"/> in the facades) and kept.
    /// </summary>
    EndTag = 0,

    /// <summary>
    /// <c>SocketTailleDébut</c>, the WinDev default: ASCII decimal byte length, CR LF, payload
    /// (<c>"9\r\nHelloWord"</c>).
    /// </summary>
    SizePrefixed = 1,

    /// <summary><c>SocketMarqueurFinBuffer</c>: payload then end marker; bytes after the marker are kept for the next read.</summary>
    EndTagBuffer = 2,

    /// <summary><c>SocketSansMarqueurFin</c>: raw bytes, no boundaries; a read returns what one receive produced.</summary>
    NoEndTag = 3,
}
