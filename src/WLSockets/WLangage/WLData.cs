using System.Text;
using WLSockets.Text;

namespace WLSockets.WLangage;

/// <summary>
/// What <c>SocketLit</c> / <c>SocketRead</c> returns: in WLangage a string or a buffer depending on the receiving
/// variable, here a value that converts to both (<c>string s = SocketLit(...)</c>, <c>byte[] b = SocketLit(...)</c>).
/// Strings are decoded with the socket's encoding (Windows-1252 by default).
/// </summary>
public readonly struct WLData : IEquatable<WLData>
{
    private readonly byte[]? _bytes;
    private readonly Encoding? _encoding;

    internal WLData(byte[] bytes, Encoding encoding)
    {
        _bytes = bytes;
        _encoding = encoding;
    }

    /// <summary>Nothing received: "" and an empty buffer.</summary>
    public static WLData Empty => default;

    /// <summary>The bytes received (framing removed).</summary>
    public byte[] Bytes => _bytes ?? [];

    /// <summary>Number of bytes (WLangage <c>Taille</c> of a buffer).</summary>
    public int Length => _bytes?.Length ?? 0;

    /// <summary>True when nothing was received (a timeout, an error, or an empty message).</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>The encoding used to turn the bytes into a string.</summary>
    public Encoding Encoding => _encoding ?? WinDevEncodings.Ansi;

    /// <summary>The bytes decoded with the socket's encoding.</summary>
    public override string ToString() => Encoding.GetString(Bytes);

    /// <summary>The data as a string.</summary>
    public static implicit operator string(WLData data) => data.ToString();

    /// <summary>The data as a buffer.</summary>
    public static implicit operator byte[](WLData data) => data.Bytes;

    /// <summary>Compares the decoded string (ordinal).</summary>
    public static bool operator ==(WLData left, string? right) => string.Equals(left.ToString(), right ?? "", StringComparison.Ordinal);

    /// <summary>Compares the decoded string (ordinal).</summary>
    public static bool operator !=(WLData left, string? right) => !(left == right);

    /// <summary>Compares the bytes.</summary>
    public static bool operator ==(WLData left, WLData right) => left.Equals(right);

    /// <summary>Compares the bytes.</summary>
    public static bool operator !=(WLData left, WLData right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(WLData other) => Bytes.AsSpan().SequenceEqual(other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj switch
    {
        WLData other => Equals(other),
        string text => this == text,
        byte[] bytes => Bytes.AsSpan().SequenceEqual(bytes),
        _ => false,
    };

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }
}
