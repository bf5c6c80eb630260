using System.Net;
using System.Text;

namespace WLSockets;

/// <summary>One whole UDP datagram received by a <see cref="DatagramSocket"/>, and who sent it.</summary>
public sealed class Datagram
{
    private readonly Encoding _encoding;

    internal Datagram(byte[] data, IPEndPoint sender, Encoding encoding)
    {
        Data = data;
        Sender = sender;
        _encoding = encoding;
    }

    /// <summary>The payload, exactly as sent (never truncated; may be empty).</summary>
    public byte[] Data { get; }

    /// <summary>Number of bytes in <see cref="Data"/>.</summary>
    public int Length => Data.Length;

    /// <summary>
    /// The sender's address and port: reply by sending to it. An IPv4 sender received through a dual-stack socket is
    /// given as plain IPv4 (<c>127.0.0.1</c>, not <c>::ffff:127.0.0.1</c>).
    /// </summary>
    public IPEndPoint Sender { get; }

    /// <summary>The payload decoded with the socket's <see cref="DatagramSocket.Encoding"/> at the time it was received.</summary>
    public string GetString() => _encoding.GetString(Data);

    /// <summary>The payload decoded with <paramref name="encoding"/>.</summary>
    public string GetString(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.GetString(Data);
    }
}
