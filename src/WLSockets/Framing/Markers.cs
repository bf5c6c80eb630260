using System.Text;

namespace WLSockets.Framing;

/// <summary>The end markers WinDev knows by name.</summary>
public static class Markers
{
    /// <summary>The default marker, the five characters <c>&lt;EOF&gt;</c> (not byte 0x1A).</summary>
    public const string DefaultText = "<EOF>";

    /// <summary>WLangage <c>RC</c>: carriage return + line feed.</summary>
    public const string RC = "\r\n";

    /// <summary>WLangage <c>CRLF</c>: carriage return + line feed.</summary>
    public const string CRLF = "\r\n";

    /// <summary>WLangage <c>EOT</c>: byte 04.</summary>
    public const string EOT = "\u0004";

    /// <summary>
    /// Encodes a marker given as text: <c>RC</c>/<c>CRLF</c> give <c>0D 0A</c> and <c>EOT</c> gives <c>04</c>
    /// whatever the encoding (open question F13); any other text is encoded with <paramref name="encoding"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The marker is empty.</exception>
    public static byte[] Encode(string marker, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentNullException.ThrowIfNull(encoding);
        if (marker.Length == 0)
        {
            throw new ArgumentException("The end marker cannot be empty.", nameof(marker));
        }

        return marker switch
        {
            RC => [0x0D, 0x0A],
            EOT => [0x04],
            _ => encoding.GetBytes(marker),
        };
    }

    /// <summary>
    /// Parses a marker as typed on a command line: the names <c>RC</c>, <c>CRLF</c>, <c>EOT</c>, <c>LF</c>,
    /// <c>NUL</c> (case-insensitive) or any literal text, encoded with <paramref name="encoding"/>.
    /// </summary>
    public static byte[] Parse(string text, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToUpperInvariant() switch
        {
            "RC" or "CRLF" => [0x0D, 0x0A],
            "EOT" => [0x04],
            "LF" => [0x0A],
            "NUL" => [0x00],
            _ => Encode(text, encoding),
        };
    }
}
