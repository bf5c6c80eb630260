namespace WLSockets.WLangage;

/// <summary><c>SocketProxy</c>: a SOCKS5 proxy for client connections.</summary>
public static partial class Functions
{
    /// <inheritdoc cref="Fonctions.SocketProxy"/>
    public static void SocketProxy(string proxyAddress, int proxyPort = Socks5ProxyOptions.DefaultPort, string login = "", string password = "") =>
        SocketRuntime.SetProxy(nameof(SocketProxy), proxyAddress, proxyPort, login, password);
}
