using System.Diagnostics;
using System.Net;
using WLSockets.Tests.Fakes;

namespace WLSockets.Tests.Socks;

/// <summary>The exact bytes our client sends to a SOCKS5 server, and its errors, against an in-process fake proxy.</summary>
public class FakeProxyTests
{
    [Theory]
    [InlineData("127.0.0.1", false, "05 01 00 05 01 00 01 7F 00 00 01 13 88")]
    [InlineData("127.0.0.1", true, "05 01 00 05 01 00 01 7F 00 00 01 13 88")] // a literal is never sent as a name
    [InlineData("::1", false, "05 01 00 05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 13 88")]
    [InlineData("localhost", true, "05 01 00 05 01 00 03 09 6C 6F 63 61 6C 68 6F 73 74 13 88")] // socks5h: the name
    [InlineData(null, true, "05 01 00 05 01 00 03 48 78 78")] // socks5h: a name this machine cannot resolve still goes to the proxy
    public async Task The_connect_request_carries_an_address_or_the_name(string? host, bool remote, string expectedPrefix)
    {
        using var proxy = new FakeSocksProxy();
        var options = new MessageConnectionOptions { Mode = TransmissionMode.NoEndTag, Proxy = proxy.Options(remote) };
        await using MessageConnection connection = await MessageConnection.ConnectAsync(host ?? Loopback.UnresolvableHost, 5000, options, Loopback.Ct).Within();
        string sent = Convert.ToHexString(await proxy.Request.Within());
        Assert.StartsWith(expectedPrefix.Replace(" ", "", StringComparison.Ordinal), sent, StringComparison.Ordinal);

        await connection.SendAsync("tunnel", Loopback.Ct).Within(); // the fake becomes an echo after its reply
        Assert.Equal("tunnel", await connection.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
    }

    [Fact]
    public async Task Socks5_resolves_a_name_here_and_sends_its_address()
    {
        using var proxy = new FakeSocksProxy();
        var options = new MessageConnectionOptions { Proxy = proxy.Options(remote: false) };
        await using MessageConnection connection = await MessageConnection.ConnectAsync("localhost", 5000, options, Loopback.Ct).Within();
        byte[] sent = await proxy.Request.Within();
        byte atyp = sent[6];
        Assert.True(atyp is 0x01 or 0x04, $"ATYP {atyp:X2}: socks5:// must send the locally resolved address, not the name");
        var address = new IPAddress(sent.AsSpan(7, atyp == 0x01 ? 4 : 16));
        Assert.True(IPAddress.IsLoopback(address), address.ToString());
    }

    [Fact]
    public async Task Socks5_with_an_unresolvable_name_fails_here_before_the_proxy()
    {
        using var proxy = new FakeSocksProxy();
        var options = new MessageConnectionOptions { Proxy = proxy.Options(remote: false) };
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync(Loopback.UnresolvableHost, 5000, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.HostNotFound, ex.Error);
    }

    [Theory]
    [InlineData(0x01, "general SOCKS server failure")]
    [InlineData(0x02, "not allowed by the proxy's rules")]
    [InlineData(0x03, "network unreachable")]
    [InlineData(0x04, "host unreachable")]
    [InlineData(0x05, "connection refused by the destination")]
    [InlineData(0x06, "TTL expired")]
    [InlineData(0x07, "command not supported")]
    [InlineData(0x08, "address type not supported")]
    public async Task Each_reply_code_is_a_proxy_failure_in_words(byte code, string words)
    {
        using var proxy = new FakeSocksProxy([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
        var options = new MessageConnectionOptions { Proxy = proxy.Options() };
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", 5000, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"reply {code:X2}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_that_never_answers_fails_within_the_connect_budget()
    {
        using var proxy = new FakeSocksProxy(reply: null, useDefaultReply: false);
        var options = new MessageConnectionOptions { Proxy = proxy.Options(), ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        var elapsed = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", 5000, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains("within the time limit", ex.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_proxy_that_is_down_is_unreachable()
    {
        int closedPort;
        using (RawServer gone = RawServer.Start())
        {
            closedPort = gone.Port;
        }

        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", closedPort) { Username = "USER", Password = "s3cret" } };
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", 5000, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_server_is_not_taken_for_a_proxy()
    {
        using RawServer http = RawServer.Start();
        Task answer = Task.Run(async () =>
        {
            using RawPeer client = await http.AcceptAsync();
            await client.ReadExactlyAsync(3);
            await client.SendAsync("HTTP/1.1 400 Bad Request\r\n\r\n");
        }, Loopback.Ct);
        var options = new MessageConnectionOptions { Proxy = new Socks5ProxyOptions("127.0.0.1", http.Port) };
        var ex = await Assert.ThrowsAsync<WLSocketException>(() => MessageConnection.ConnectAsync("127.0.0.1", 5000, options, Loopback.Ct).Within());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains("not SOCKS5", ex.Message, StringComparison.Ordinal);
        await answer.Within();
    }
}
