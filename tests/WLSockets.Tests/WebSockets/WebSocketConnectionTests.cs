using System.Diagnostics;
using System.Text;
using WLSockets.Tests.Fakes;
using WLSockets.Tests.Tls;

namespace WLSockets.Tests.WebSockets;

/// <summary><see cref="WebSocketConnection"/> against servers no one here wrote: ASP.NET Core's Kestrel and Python's websockets.</summary>
public class WebSocketConnectionTests
{
    public static TheoryData<string> Servers => WebSocketPeer.Both;

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Text_and_binary_messages_round_trip(string server)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri("/echo"), null, Loopback.Ct).Within();

        await ws.SendAsync("héllo € 👋", Loopback.Ct).Within();
        WebSocketMessage text = await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.True(text.IsText);
        Assert.Equal("héllo € 👋", text.Text);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo € 👋"), text.Data);

        byte[] binary = [0x00, 0xFF, 0x0D, 0x0A, 0x80];
        await ws.SendAsync(binary, Loopback.Ct).Within();
        WebSocketMessage back = await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.False(back.IsText);
        Assert.Equal(binary, back.Data);

        await ws.SendAsync("", Loopback.Ct).Within(); // an empty message is a message
        Assert.Equal("", (await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task A_16_MiB_message_in_many_frames_arrives_whole(string server)
    {
        const int size = 16 * 1024 * 1024;
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri($"/big?size={size}&frame=65536"), null, Loopback.Ct).Within();

        WebSocketMessage message = await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within();
        Assert.False(message.IsText);
        Assert.Equal(size, message.Data.Length);
        Assert.True(message.Data.AsSpan().SequenceEqual(KestrelWebSocketServer.Pattern(size)), "the reassembled bytes differ from those sent");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task A_16_MiB_message_goes_and_comes_back(string server)
    {
        byte[] big = KestrelWebSocketServer.Pattern(16 * 1024 * 1024);
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri("/echo"), null, Loopback.Ct).Within();
        await ws.SendAsync(big, Loopback.Ct).Within();
        Assert.True((await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Data.AsSpan().SequenceEqual(big));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task The_server_picks_a_sub_protocol_among_those_offered(string server)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        var options = new WebSocketConnectionOptions { SubProtocols = { "mqtt", "soap" } };
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri("/echo"), options, Loopback.Ct).Within();
        Assert.Equal("soap", ws.SubProtocol);

        // W6: none of those offered is supported: the connection still succeeds, without a sub-protocol.
        var unknown = new WebSocketConnectionOptions { SubProtocols = { "mqtt" } };
        await using WebSocketConnection other = await WebSocketConnection.ConnectAsync(peer.Uri("/echo"), unknown, Loopback.Ct).Within();
        Assert.Null(other.SubProtocol);
        await other.SendAsync("still works", Loopback.Ct).Within();
        Assert.Equal("still works", (await other.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
    }

    [Theory]
    [InlineData(WebSocketPeer.Kestrel, "/close?code=4001&reason=bye", 4001, "bye")]
    [InlineData(WebSocketPeer.Python, "/close", 4002, "python bye")]
    public async Task A_server_close_surfaces_with_its_status(string server, string path, int status, string reason)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri(path), null, Loopback.Ct).Within();

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionClosed, ex.Error);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal(status, ws.CloseStatus);
        Assert.Equal(reason, ws.CloseStatusDescription);
        Assert.False(ws.IsOpen);

        // Every later receive says the same; a send says the server closed.
        Assert.Equal(WLSocketError.ConnectionClosed, (await Assert.ThrowsAsync<WLSocketException>(() => ws.ReceiveAsync(TimeSpan.Zero, Loopback.Ct).Within())).Error);
        Assert.Equal(WLSocketError.ConnectionClosed, (await Assert.ThrowsAsync<WLSocketException>(() => ws.SendAsync("late", Loopback.Ct).Within())).Error);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task A_dropped_connection_is_a_clear_error(string server)
    {
        await using WebSocketPeer peer = await WebSocketPeer.StartAsync(server);
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(peer.Uri("/drop"), null, Loopback.Ct).Within();
        try
        {
            await ws.SendAsync("the server drops the connection on this", Loopback.Ct).Within();
        }
        catch (WLSocketException)
        {
            // The drop may already have happened (the Python server drops at once): the receive below still reports it.
        }

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionReset, ex.Error);
        Assert.Contains("without a closing handshake", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1006, ws.CloseStatus);
    }

    [Fact]
    public async Task A_message_above_the_maximum_closes_with_1009()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        var options = new WebSocketConnectionOptions { MaxMessageSize = 1024 * 1024 };
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/big?size=2097152&frame=16384"), options, Loopback.Ct).Within();

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.MessageTooLarge, ex.Error);
        Assert.Equal(1009, ws.CloseStatus);
    }

    [Fact]
    public async Task A_receive_timeout_loses_nothing_and_blocking_calls_work()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/echo"), null, Loopback.Ct).Within();

        var ex = await Assert.ThrowsAsync<WLSocketException>(() => ws.ReceiveAsync(TimeSpan.FromMilliseconds(50), Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
        Assert.Equal(WLSocketError.Timeout, (await Loopback.OnThread(() => Assert.Throws<WLSocketException>(() => ws.Receive(TimeSpan.Zero))).Within()).Error);

        await Loopback.OnThread(() => ws.Send("blocking")).Within();
        Assert.Equal("blocking", (await Loopback.OnThread(() => ws.Receive(Loopback.Deadline)).Within()).Text);
    }

    [Fact]
    public async Task Close_runs_the_handshake_and_fails_waiting_receives()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/echo"), null, Loopback.Ct).Within();
        Task<WebSocketMessage> waiting = ws.ReceiveAsync(Loopback.Ct).AsTask();

        var elapsed = Stopwatch.StartNew();
        await ws.CloseAsync().Within();
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(1.5), $"close took {elapsed.Elapsed}");
        Assert.Equal(1000, ws.CloseStatus); // the server's answer to our close frame
        Assert.Equal(WLSocketError.ConnectionReset, (await Assert.ThrowsAsync<WLSocketException>(() => waiting.Within())).Error);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ws.ReceiveAsync(Loopback.Ct).Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => ws.SendAsync("after", Loopback.Ct).Within());
    }

    [Fact]
    public async Task Request_headers_reach_the_server()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        var options = new WebSocketConnectionOptions { RequestHeaders = { ["X-Test"] = "valeur" } };
        await using WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/header?name=X-Test"), options, Loopback.Ct).Within();
        Assert.Equal("valeur", (await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
    }

    [Fact]
    public async Task Connect_failures_are_clear()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync();
        var notFound = await Assert.ThrowsAsync<WLSocketException>(() => WebSocketConnection.ConnectAsync(server.Uri("/missing"), null, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.WebSocketHandshakeFailed, notFound.Error);
        Assert.Contains("HTTP 404", notFound.Message, StringComparison.Ordinal);

        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        var refused = await Assert.ThrowsAsync<WLSocketException>(() => WebSocketConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{closedPort}/"), null, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ConnectionRefused, refused.Error);

        var unknown = await Assert.ThrowsAsync<WLSocketException>(() => WebSocketConnection.ConnectAsync(new Uri($"ws://{Loopback.UnresolvableHost}/"), null, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.HostNotFound, unknown.Error);

        await Assert.ThrowsAsync<ArgumentException>(() => WebSocketConnection.ConnectAsync(new Uri("http://127.0.0.1/"), null, Loopback.Ct).Within());
    }

    [Fact]
    public async Task A_server_that_never_upgrades_times_out_within_the_connect_budget()
    {
        using RawServer silent = RawServer.Start();
        var options = new WebSocketConnectionOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        var elapsed = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => WebSocketConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{silent.Port}/"), options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.Timeout, ex.Error);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Wss_with_a_self_signed_certificate_is_refused_by_default_and_accepted_when_trusted_or_allowed()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync(TlsTestCertificates.Server);
        Assert.Equal("wss", server.BaseUri.Scheme);

        var refused = await Assert.ThrowsAsync<WLSocketException>(() => WebSocketConnection.ConnectAsync(server.Uri("/echo"), null, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.CertificateRejected, refused.Error);
        Assert.Contains("chain errors", refused.Message, StringComparison.Ordinal);

        var trusted = new WebSocketConnectionOptions { Tls = TlsTestCertificates.TrustServer() };
        await using (WebSocketConnection ws = await WebSocketConnection.ConnectAsync(server.Uri("/echo"), trusted, Loopback.Ct).Within())
        {
            await ws.SendAsync("chiffré", Loopback.Ct).Within();
            Assert.Equal("chiffré", (await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
        }

        var allowed = new WebSocketConnectionOptions { Tls = new TlsClientOptions { AllowInvalidCertificate = true } };
        await using (WebSocketConnection ws = await WebSocketConnection.ConnectAsync(new Uri($"wss://localhost:{server.Port}/echo"), allowed, Loopback.Ct).Within())
        {
            await ws.SendAsync("ok", Loopback.Ct).Within();
            Assert.Equal("ok", (await ws.ReceiveAsync(Loopback.Deadline, Loopback.Ct).Within()).Text);
        }
    }
}
