using System.Text;
using WLSockets.Framing;

namespace WLSockets.Messaging;

/// <summary>
/// An immutable snapshot of how a connection frames messages. A read or write takes one snapshot, so a mode change
/// from another thread applies from the next call on (open question F10).
/// </summary>
internal sealed class FramingState
{
    private FramingState(TransmissionMode mode, byte[] marker, string? markerText, Encoding encoding)
    {
        Mode = mode;
        Marker = marker;
        MarkerText = markerText;
        Encoding = encoding;
    }

    public TransmissionMode Mode { get; }

    public byte[] Marker { get; }

    /// <summary>The marker as given, when given as text (re-encoded when the encoding changes).</summary>
    public string? MarkerText { get; }

    public Encoding Encoding { get; }

    public static FramingState Create(TransmissionMode mode, string markerText, Encoding encoding)
    {
        Validate(mode);
        return new(mode, Markers.Encode(markerText, encoding), markerText, encoding);
    }

    public FramingState WithMode(TransmissionMode mode)
    {
        Validate(mode);
        return new(mode, Marker, MarkerText, Encoding);
    }

    public FramingState WithMarker(string text) => new(Mode, Markers.Encode(text, Encoding), text, Encoding);

    public FramingState WithMarker(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("The end marker cannot be empty.", nameof(bytes));
        }

        return new(Mode, bytes.ToArray(), null, Encoding);
    }

    public FramingState WithEncoding(Encoding encoding) =>
        new(Mode, MarkerText is null ? Marker : Markers.Encode(MarkerText, encoding), MarkerText, encoding);

    private static void Validate(TransmissionMode mode)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode,
                "Invalid transmission mode: use SizePrefixed (SocketTailleDébut, 1), EndTag (SocketMarqueurFin, 0), EndTagBuffer (SocketMarqueurFinBuffer, 2) or NoEndTag (SocketSansMarqueurFin, 3).");
        }
    }
}
