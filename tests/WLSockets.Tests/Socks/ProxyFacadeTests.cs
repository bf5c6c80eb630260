using WLSockets.Tests.Fakes;
using WLSockets.Tests.Tls;
using WLSockets.Tests.WebSockets;
using WLSockets.WLangage;
using static WLSockets.Tests.Tls.TlsFacadeSupport;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Socks;

/// <summary>
/// <c>SocketProxy</c> through microsocks (open questions P1–P7). The proxy is process-wide, so these tests run alone.
/// The proxy connects out from 127.0.0.77: <c>SocketClientInfo</c> on the server side shows whether a connection went through it.
/// </summary>
[Collection("GlobalSettingsTests")]
public class ProxyFacadeTests
{
    [Fact]
    public async Task SocketConnecte_goes_through_the_proxy_until_SocketProxy_empty()
    {
        using SocksProxyProcess proxy = await SocksProxyProcess.StartMicrosocksAsync();
        await RunThread(() =>
        {
            string listener = UniqueName("L");
            int port = CreateListener(listener);
            try
            {
                SocketProxy("socks5://127.0.0.1", proxy.Port);
                Assert.False(ErreurDétectée, ErreurInfo());
                Assert.Equal($"socks5://127.0.0.1:{proxy.Port}", WLangageSettings.Proxy!.ToString());

                Assert.Equal(SocksProxyProcess.OutgoingAddress, ConnectAndSeeFrom(listener, port));

                SocketProxy("");
                Assert.Null(WLangageSettings.Proxy);
                Assert.Equal("127.0.0.1", ConnectAndSeeFrom(listener, port));

                Functions.SocketProxy("127.0.0.1", proxy.Port); // a bare address means socks5://
                Assert.Equal(SocksProxyProcess.OutgoingAddress, ConnectAndSeeFrom(listener, port));
            }
            finally
            {
                SocketProxy("");
                SocketFerme(listener);
            }
        }).Within();
    }

    [Fact]
    public async Task Login_and_password_and_a_wrong_password()
    {
        using SocksProxyProcess proxy = await SocksProxyProcess.StartMicrosocksAsync("USER", "PWD");
        await RunThread(() =>
        {
            string listener = UniqueName("L");
            int port = CreateListener(listener);
            try
            {
                SocketProxy("socks5://127.0.0.1", proxy.Port, "USER", "PWD");
                Assert.Equal(SocksProxyProcess.OutgoingAddress, ConnectAndSeeFrom(listener, port));

                SocketProxy("socks5://127.0.0.1", proxy.Port, "USER", "wrong-Secret");
                string client = UniqueName("C");
                Assert.False(SocketConnecte(client, port, "127.0.0.1"));
                Assert.Equal((int)WLSocketError.ProxyFailure, (int)ErreurInfo(errCode));
                string details = ErreurInfo(errComplet);
                Assert.Contains("authentication failed", details, StringComparison.Ordinal);
                Assert.DoesNotContain("wrong-Secret", details, StringComparison.Ordinal);
                Assert.DoesNotContain("wrong-Secret", WLangageSettings.Proxy!.ToString(), StringComparison.Ordinal);
                Assert.False(SocketExiste(client));
            }
            finally
            {
                SocketProxy("");
                SocketFerme(listener);
            }
        }).Within();
    }

    [Fact]
    public void Invalid_addresses_are_a_non_fatal_error_and_change_nothing()
    {
        var before = new Socks5ProxyOptions("127.0.0.1", 1080);
        WLangageSettings.Proxy = before;
        try
        {
            SocketProxy("http://127.0.0.1:3128");
            Assert.True(ErreurDétectée);
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            Assert.Equal("SocketProxy", (string)ErreurInfo(errPendant));
            Assert.Same(before, WLangageSettings.Proxy);

            SocketProxy("socks5://127.0.0.1", 70000);
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            SocketProxy("socks5://127.0.0.1", 1080, new string('u', 256), "p");
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            Assert.Same(before, WLangageSettings.Proxy);

            SocketProxy("socks5h://127.0.0.1:1081", 1080, "USER"); // the address's port wins; socks5h kept
            Assert.False(ErreurDétectée);
            Assert.Equal("socks5h://127.0.0.1:1081 (with user name/password)", WLangageSettings.Proxy!.ToString());
        }
        finally
        {
            WLangageSettings.Proxy = null;
        }
    }

    [Fact]
    public async Task A_proxy_that_is_down_makes_SocketConnecte_fail_with_190040_and_servers_ignore_it()
    {
        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        await RunThread(() =>
        {
            try
            {
                SocketProxy("socks5://127.0.0.1", closedPort);
                string listener = UniqueName("L");
                int port = CreateListener(listener); // servers never use the proxy (P1)
                Assert.False(SocketConnecte(UniqueName("C"), port, "127.0.0.1"));
                Assert.Equal((int)WLSocketError.ProxyFailure, (int)ErreurInfo(errCode));
                Assert.Contains("unreachable", (string)ErreurInfo(), StringComparison.Ordinal);
                SocketFerme(listener);
            }
            finally
            {
                SocketProxy("");
            }
        }).Within();
    }

    [Fact]
    public async Task SocketConnecteSSL_and_WebSocketClientConnecteSSL_go_through_the_proxy()
    {
        using SocksProxyProcess proxy = await SocksProxyProcess.StartMicrosocksAsync();
        await using KestrelWebSocketServer webSocketServer = await KestrelWebSocketServer.StartAsync(TlsTestCertificates.Server);
        using IDisposable trust = Trust(TlsTestCertificates.Server);
        await RunThread(() =>
        {
            string listener = UniqueName("SSL");
            int port = CreateSslListener(listener, TlsTestCertificates.Server);
            try
            {
                SocketProxy("socks5://127.0.0.1", proxy.Port);
                string client = UniqueName("C");
                Assert.True(SocketConnecteSSL(client, port, "127.0.0.1"), ErreurInfo());
                Assert.True(SocketAttendConnexion(listener, 5000));
                string channel = SocketAccepte(listener);
                Assert.Equal(SocksProxyProcess.OutgoingAddress, SocketClientInfo(channel, SocketAdresse));
                Assert.True(SocketEcrit(client, "via le proxy"));
                Assert.Equal("via le proxy", (string)SocketLit(channel, false, 5000));
                SocketFerme(client);
                SocketFerme(channel);

                string ws = UniqueName("WS");
                Assert.True(WebSocketClientConnecteSSL(ws, "127.0.0.1", webSocketServer.Port, "/echo", "", ProtocoleTLS1_2 + ProtocoleTLS1_3), ErreurInfo());
                Assert.Equal(proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), SocketClientInfo(ws, SocketPort)); // our peer is the proxy
                Assert.True(SocketEcrit(ws, "wss via SOCKS5"));
                Assert.Equal("wss via SOCKS5", (string)SocketLit(ws, false, 5000));
                SocketFerme(ws);
            }
            finally
            {
                SocketProxy("");
                SocketFerme(listener);
            }
        }).Within();
    }

    /// <summary>Connects a client to the facade listener and returns the address the server sees it from.</summary>
    private static string ConnectAndSeeFrom(string listener, int port)
    {
        string client = UniqueName("C");
        Assert.True(SocketConnecte(client, port, "127.0.0.1"), ErreurInfo());
        Assert.True(SocketAttendConnexion(listener, 5000));
        string channel = SocketAccepte(listener);
        string from = SocketClientInfo(channel, SocketAdresse);
        Assert.True(SocketEcrit(client, "HelloWord"));
        Assert.Equal("HelloWord", (string)SocketLit(channel, false, 5000));
        SocketFerme(client);
        SocketFerme(channel);
        return from;
    }
}
