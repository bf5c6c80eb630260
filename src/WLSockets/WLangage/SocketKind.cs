namespace WLSockets.WLangage;

/// <summary>What a registered name designates.</summary>
internal enum SocketKind
{
    /// <summary>A listening socket (<c>SocketCrée</c>), also usable as a simplified server.</summary>
    Listener,

    /// <summary>A channel accepted by <c>SocketAccepte</c>.</summary>
    Channel,

    /// <summary>A client connection (<c>SocketConnecte</c>).</summary>
    Client,

    /// <summary>A UDP socket (<c>SocketCréeUDP</c>): no connection, one datagram per read or write.</summary>
    Udp,

    /// <summary>A WebSocket client (<c>WebSocketClientConnecte[SSL]</c>): one message per read or write, always raw.</summary>
    WebSocket,
}
