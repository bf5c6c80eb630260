using System.Text;

namespace WLSockets.Text;

/// <summary>
/// The string encodings WinDev peers use. What goes on the wire is always bytes; these turn strings into bytes
/// and back.
/// </summary>
/// <remarks>
/// None of them writes a byte-order mark. Invalid bytes decode to U+FFFD rather than throwing, so a read never
/// fails because of text; read bytes instead when exact content matters.
/// </remarks>
public static class WinDevEncodings
{
    /// <summary>Windows-1252, the "ANSI" strings of classic WinDev applications. The default.</summary>
    public static Encoding Ansi { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available in this runtime.");

    /// <summary>UTF-16 little endian without BOM, the "Unicode" strings of WinDev projects.</summary>
    public static Encoding Utf16 { get; } = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);

    /// <summary>UTF-8 without BOM (WebSocket text, most non-WinDev peers).</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The names accepted by <see cref="FromName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ansi", "utf8", "utf16"];

    /// <summary>
    /// Finds an encoding by name: <c>ansi</c> (also <c>windows-1252</c>, <c>1252</c>), <c>utf8</c>
    /// (<c>utf-8</c>), <c>utf16</c> (<c>utf-16</c>, <c>utf-16le</c>, <c>unicode</c>), case-insensitive.
    /// </summary>
    /// <exception cref="ArgumentException">The name is none of these.</exception>
    public static Encoding FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "ANSI" or "WINDOWS-1252" or "1252" or "CP1252" => Ansi,
            "UTF8" or "UTF-8" => Utf8,
            "UTF16" or "UTF-16" or "UTF-16LE" or "UTF16LE" or "UNICODE" => Utf16,
            _ => throw new ArgumentException($"Unknown encoding '{name}'. Use one of: ansi, utf8, utf16.", nameof(name)),
        };
    }
}
