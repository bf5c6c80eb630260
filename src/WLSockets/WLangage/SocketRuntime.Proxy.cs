namespace WLSockets.WLangage;

/// <summary><c>SocketProxy</c>: the process-wide SOCKS5 proxy of client connections (open questions P1–P6).</summary>
internal static partial class SocketRuntime
{
    public static void SetProxy(string fn, string address, int port, string login, string password) => Run(fn, false, () =>
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            WLangageSettings.Proxy = null; // SocketProxy(""): direct connections from now on
            return true;
        }

        ValidatePort(port);
        if (!Socks5ProxyOptions.TryParse(address, port, out Socks5ProxyOptions? proxy, out string? error))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, error + " The proxy setting is unchanged.");
        }

        if (!string.IsNullOrEmpty(login))
        {
            proxy = new Socks5ProxyOptions(proxy!.Host, proxy.Port)
            {
                ResolveHostRemotely = proxy.ResolveHostRemotely,
                Username = login,
                Password = password ?? "",
            };
        }

        WLangageSettings.Proxy = proxy;
        return true;
    });
}
