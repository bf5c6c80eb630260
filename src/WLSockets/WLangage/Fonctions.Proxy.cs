namespace WLSockets.WLangage;

/// <summary><c>SocketProxy</c>: a SOCKS5 proxy for client connections.</summary>
public static partial class Fonctions
{
    /// <summary>
    /// Sends the connections made afterwards by <c>SocketConnecte</c>, <c>SocketConnecteSSL</c> (TLS inside the tunnel) and
    /// <c>WebSocketClientConnecte[SSL]</c> through a SOCKS5 proxy, for the whole process; never UDP sockets or servers.
    /// <c>SocketProxy("")</c> goes back to direct connections. Existing connections are not affected. Nothing is sent to
    /// the proxy until a connection is made; its failures then make that connection fail with error 190040 and the reason
    /// (proxy unreachable, authentication failed, connection refused by the destination ...).
    /// </summary>
    /// <param name="adresseProxy"><c>socks5://</c> + the proxy's IP address or name (a port may follow: <c>socks5://host:1081</c>);
    /// <c>socks5h://</c> lets the proxy resolve destination names (no DNS query from this machine); a bare address means
    /// <c>socks5://</c>; "" removes the proxy. Any other scheme: error, setting unchanged.</param>
    /// <param name="portProxy">The proxy's port (default 1080), unless the address has one.</param>
    /// <param name="login">User name ("" = no authentication).</param>
    /// <param name="motDePasse">Password, ignored without a login. Never shown in error messages.</param>
    public static void SocketProxy(string adresseProxy, int portProxy = Socks5ProxyOptions.DefaultPort, string login = "", string motDePasse = "") =>
        SocketRuntime.SetProxy(nameof(SocketProxy), adresseProxy, portProxy, login, motDePasse);
}
