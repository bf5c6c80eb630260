namespace WLSockets.WLangage;

/// <summary>The SOCKS5 proxy of the facades (<c>SocketProxy</c>).</summary>
public static partial class WLangageSettings
{
    private static volatile Socks5ProxyOptions? s_proxy;

    /// <summary>
    /// The proxy that <c>SocketConnecte</c>, <c>SocketConnecteSSL</c> and <c>WebSocketClientConnecte[SSL]</c> go through,
    /// read when they connect (open questions P1, P2): what <c>SocketProxy</c> set, or null (direct connections). Setting
    /// it here is the C# way to give options <c>SocketProxy</c> has no parameter for (for example
    /// <see cref="Socks5ProxyOptions.ResolveHostRemotely"/>, also reachable as <c>socks5h://</c>). Never used by UDP sockets
    /// or servers. Existing connections are not affected.
    /// </summary>
    public static Socks5ProxyOptions? Proxy
    {
        get => s_proxy;
        set => s_proxy = value;
    }
}
