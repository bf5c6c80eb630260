namespace WLSockets;

/// <summary>Settings of a <see cref="WebSocketConnection"/>, read when it connects.</summary>
public sealed class WebSocketConnectionOptions
{
    /// <summary>Sub-protocols offered in <c>Sec-WebSocket-Protocol</c>, in order of preference. Default none.</summary>
    public IList<string> SubProtocols { get; } = new List<string>();

    /// <summary>
    /// Extra headers of the HTTP upgrade request (Origin, Authorization, cookies ...; open question W5). The WebSocket
    /// headers themselves (<c>Sec-WebSocket-*</c>, <c>Upgrade</c>, <c>Connection</c>) are set by the connection.
    /// </summary>
    public IDictionary<string, string> RequestHeaders { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Time allowed for everything before the first message: name resolution, the TCP connection (through
    /// <see cref="Proxy"/> when set), the TLS handshake for <c>wss://</c> and the HTTP upgrade. Default 5 s
    /// (<c>WebSocketClientConnecte</c>'s default).
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a keep-alive frame is sent on an idle connection (open question W4). Default 30 s; <see cref="TimeSpan.Zero"/> turns it off.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest message accepted, however many frames it comes in. A larger one closes the connection with status 1009
    /// (message too big) and fails with <see cref="WLSocketError.MessageTooLarge"/> (open question W2). Default 64 MiB.
    /// </summary>
    public long MaxMessageSize { get; set; } = MessageConnectionOptions.DefaultMaxMessageSize;

    /// <summary>How long closing waits for the server's close frame after sending its own (open question W13). Default 1 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time a send may wait for a server that does not read. Past it the send fails with <see cref="WLSocketError.Timeout"/>
    /// and the connection is aborted (part of a frame may have gone). Default 60 s.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// TLS settings for <c>wss://</c> (trusted certificates, explicit acceptance of an invalid certificate, a client
    /// certificate, protocol versions). Default null: the server's certificate is validated against the system's roots
    /// and the host name of the URI. Ignored for <c>ws://</c>. <see cref="TlsClientOptions.TargetHost"/> is not used:
    /// the name checked is the URI's host.
    /// </summary>
    public TlsClientOptions? Tls { get; set; }

    /// <summary>A SOCKS5 proxy to connect through. Default null: a direct connection.</summary>
    public Socks5ProxyOptions? Proxy { get; set; }

    internal WebSocketConnectionOptions Clone()
    {
        var clone = new WebSocketConnectionOptions
        {
            ConnectTimeout = ConnectTimeout,
            KeepAliveInterval = KeepAliveInterval,
            MaxMessageSize = MaxMessageSize,
            CloseTimeout = CloseTimeout,
            SendTimeout = SendTimeout,
            Tls = Tls?.Clone(),
            Proxy = Proxy,
        };
        foreach (string protocol in SubProtocols)
        {
            clone.SubProtocols.Add(protocol);
        }

        foreach ((string name, string value) in RequestHeaders)
        {
            clone.RequestHeaders[name] = value;
        }

        return clone;
    }
}
