using System.Net;
using System.Text;
using WLSockets.Framing;
using WLSockets.Text;

namespace WLSockets;

/// <summary>Settings of a <see cref="MessageConnection"/>, read when it is created. Every one can be changed later on the connection.</summary>
public sealed class MessageConnectionOptions
{
    /// <summary>The default largest message: 64 MiB.</summary>
    public const long DefaultMaxMessageSize = 64L * 1024 * 1024;

    /// <summary>How messages are delimited. Default <see cref="TransmissionMode.SizePrefixed"/>, as WinDev.</summary>
    public TransmissionMode Mode { get; set; } = TransmissionMode.SizePrefixed;

    /// <summary>End marker for the marker modes, as text encoded with <see cref="Encoding"/> (<c>RC</c>/<c>CRLF</c> = 0D 0A, <c>EOT</c> = 04). Default <c>&lt;EOF&gt;</c>.</summary>
    public string Marker { get; set; } = Markers.DefaultText;

    /// <summary>Encoding of string messages and of a text marker. Default Windows-1252 ("ANSI").</summary>
    public Encoding Encoding { get; set; } = WinDevEncodings.Ansi;

    /// <summary>Largest message accepted on receive; a larger one fails before anything of its size is allocated. Default 64 MiB.</summary>
    public long MaxMessageSize { get; set; } = DefaultMaxMessageSize;

    /// <summary>In raw mode, the most bytes one receive returns. Default 4096 (WinDev's <c>SocketLit</c> default).</summary>
    public int RawReadSize { get; set; } = 4096;

    /// <summary>Time allowed to resolve the host and connect. Default 5 s (WinDev's <c>SocketConnecte</c> default).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time a send may wait for a peer that does not read. Past it the send fails with
    /// <see cref="WLSocketError.Timeout"/> and the connection is reset, since part of a message may have gone.
    /// Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a graceful close waits for the peer to close its side. Default 2 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Disables Nagle's algorithm (TCP_NODELAY). Default true: messages leave at once.</summary>
    public bool NoDelay { get; set; } = true;

    /// <summary>
    /// TLS for <see cref="MessageConnection.ConnectAsync"/>: when set, the connection opens a TLS session (the server's
    /// certificate validated) before returning, within <see cref="ConnectTimeout"/>. Default null: plain TCP.
    /// Ignored by <see cref="MessageListener"/> (a TLS listener takes <see cref="TlsServerOptions"/>).
    /// </summary>
    public TlsClientOptions? Tls { get; set; }

    /// <summary>
    /// A SOCKS5 proxy for <see cref="MessageConnection.ConnectAsync"/>: the connection goes through it (and TLS, when
    /// set, runs inside its tunnel, validated against the destination's name). <see cref="ConnectTimeout"/> covers the
    /// proxy too. Default null: a direct connection. Ignored by <see cref="MessageListener"/>.
    /// </summary>
    public Socks5ProxyOptions? Proxy { get; set; }

    /// <summary>
    /// Local address (and port; 0 = any) the outgoing TCP socket binds before it connects, so the peer sees the
    /// connection come from that address (several programs on one machine, each on its own 127.0.0.x). Used by direct
    /// connections of <see cref="MessageConnection.ConnectAsync"/>, with or without <see cref="Tls"/>; ignored with a
    /// <see cref="Proxy"/> and by <see cref="MessageListener"/>. Default null: the system picks.
    /// </summary>
    public IPEndPoint? LocalEndPoint { get; set; }

    internal MessageConnectionOptions Clone()
    {
        var clone = (MessageConnectionOptions)MemberwiseClone();
        clone.Tls = Tls?.Clone();
        return clone;
    }
}
