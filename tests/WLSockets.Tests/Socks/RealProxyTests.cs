using System.Net;
using WLSockets.Tests.Fakes;
using WLSockets.Tests.Tls;
using WLSockets.Tests.WebSockets;

namespace WLSockets.Tests.Socks;

/// <summary>
/// Through real SOCKS5 proxies no one here wrote (microsocks, Dante), started by the tests on loopback: WinDev framing
/// byte-exact end to end, TLS inside the tunnel, WebSocket, and every failure as a clear error. The proxies connect out
/// from 127.0.0.77, so the destination sees that the connection really went through them.
/// </summary>
public class RealProxyTests
{
    private static readonly IPAddress s_proxyOutgoing = IPAddress.Parse(SocksProxyProcess.OutgoingAddress);

    public static TheoryData<string> Proxies => ["microsocks", "dante"];

    private static Task<SocksProxyProcess> StartAsync(string kind, string? user = null, string? password = null) =>
        kind == "dante" ? SocksProxyProcess.StartDanteAsync() : SocksProxyProcess.StartMicrosocksAsync(user, password);

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task Length_framing_is_byte_exact_through_the_proxy(string kind)
    {
        using SocksProxyProcess proxy = await StartAsync(kind);
        using RawServer target = RawServer.Start();
        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) };
        Task<RawPeer> accepted = target.AcceptAsync();
        await using MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", target.Port, options, Loopback.Ct).Within();
        using RawPeer peer = await accepted;

        Assert.Equal(s_proxyOutgoing, ((IPEndPoint)peer.Socket.RemoteEndPoint!).Address);
        Assert.Equal(proxy.Port, connection.RemoteEndPoint!.Port); // our peer is the proxy

        await connection.SendAsync("HelloWord", Loopback.Ct).Within();
        Assert.Equal("39 0D 0A 48 65 6C 6C 6F 57 6F 72 64", Hex(await peer.ReadExactlyAsync(12)));
        await peer.SendAsync([0x37, 0x0D, 0x0A, 0x52, 0xE9, 0x70, 0x6F, 0x6E, 0x73, 0x65]); // "7\r\nRéponse" in Windows-1252
        Assert.Equal("Réponse", await connection.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task Socks5h_lets_the_proxy_resolve_the_name(string kind)
    {
        using SocksProxyProcess proxy = await StartAsync(kind);
        await using MessageListener listener = MessageListener.Start("127.0.0.1", 0);
        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) { ResolveHostRemotely = true } };
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();

        // "localhost" comes from /etc/hosts on the proxy's side: no DNS query leaves the machine.
        await using MessageConnection connection = await MessageConnection.ConnectAsync("localhost", listener.LocalEndPoint.Port, options, Loopback.Ct).Within();
        await using MessageConnection server = await accept.Within();
        Assert.Equal(s_proxyOutgoing, server.RemoteEndPoint!.Address);
        await connection.SendAsync("par son nom", Loopback.Ct).Within();
        Assert.Equal("par son nom", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task A_refused_destination_is_reply_05_in_words(string kind)
    {
        using SocksProxyProcess proxy = await StartAsync(kind);
        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) };
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", closedPort, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains("connection refused by the destination (reply 05)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_runs_inside_the_tunnel_and_is_validated_against_the_destination()
    {
        using SocksProxyProcess proxy = await StartAsync("microsocks");
        await using MessageListener listener = MessageListener.Start("127.0.0.1", 0, null, new TlsServerOptions(TlsTestCertificates.Server));
        MessageConnectionOptions options = TlsTestCertificates.ClientOptions();
        options.Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port);
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();

        await using MessageConnection connection = await MessageConnection.ConnectAsync("localhost", listener.LocalEndPoint.Port, options, Loopback.Ct).Within();
        await using MessageConnection server = await accept.Within();
        Assert.NotNull(connection.TlsSession);
        Assert.Equal(s_proxyOutgoing, server.RemoteEndPoint!.Address);
        await connection.SendAsync("secret", Loopback.Ct).Within();
        Assert.Equal("secret", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());

        // The certificate is checked against the destination's name, not the proxy's.
        MessageConnectionOptions wrongName = TlsTestCertificates.ClientOptions();
        wrongName.Proxy = options.Proxy;
        wrongName.Tls!.TargetHost = "not-localhost.test";
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, wrongName, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.CertificateRejected, ex.Error);
    }

    [Theory]
    [MemberData(nameof(Proxies))]
    public async Task WebSocket_goes_through_the_proxy(string kind)
    {
        using SocksProxyProcess proxy = await StartAsync(kind);
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync(TlsTestCertificates.Server);
        var options = new WebSocketConnectionOptions
        {
            Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port),
            Tls = TlsTestCertificates.TrustServer(),
            SubProtocols = { "soap" },
        };
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/echo"), options, Loopback.Ct).Within();
        Assert.Equal(proxy.Port, ws.RemoteEndPoint!.Port);
        Assert.Equal("soap", ws.SubProtocol);
        await ws.SendAsync("via SOCKS5", Loopback.Ct).Within();
        Assert.Equal("via SOCKS5", (await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
    }

    [Fact]
    public async Task User_and_password_authentication()
    {
        using SocksProxyProcess proxy = await StartAsync("microsocks", "USER", "PWD");
        await using MessageListener listener = MessageListener.Start("127.0.0.1", 0);
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        var good = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) { Username = "USER", Password = "PWD" } };
        await using MessageConnection connection = await MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, good, Loopback.Ct).Within();
        await using MessageConnection server = await accept.Within();
        await connection.SendAsync("authentifié", Loopback.Ct).Within();
        Assert.Equal("authentifié", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());

        var wrong = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) { Username = "USER", Password = "not-the-PWD" } };
        var refused = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, wrong, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, refused.Error);
        Assert.Contains("authentication failed", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-PWD", refused.ToString(), StringComparison.Ordinal);

        var none = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", proxy.Port) };
        var needed = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, none, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, needed.Error);
        Assert.Contains("requires authentication", needed.Message, StringComparison.Ordinal);
    }

    private static string Hex(byte[] bytes) => string.Join(' ', bytes.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
