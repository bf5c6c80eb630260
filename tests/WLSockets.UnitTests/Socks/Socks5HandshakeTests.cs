using System.Net;
using WLSockets.Transports.Socks;
using WLSockets.UnitTests.Fakes;

namespace WLSockets.UnitTests.Socks;

/// <summary>The negotiation over a scripted stream: what it writes, how it reads the proxy's answers cut anywhere, and its errors.</summary>
public class Socks5HandshakeTests
{
    private static readonly Socks5ProxyOptions NoAuth = new("127.0.0.1", 1080);
    private static readonly Socks5ProxyOptions WithAuth = new("127.0.0.1", 1080) { Username = "USER", Password = "PWD" };
    private static readonly Socks5Destination Target = new("172.19.5.80", IPAddress.Parse("172.19.5.80"), 4242);
    private const string SuccessReply = "05 00 00 01 7F 00 00 4D 10 92";

    [Fact]
    public async Task Without_login_the_client_sends_greeting_then_connect()
    {
        var stream = new ScriptedStream(Hex.Bytes("05 00 " + SuccessReply + " AA BB"));
        Socks5Reply reply = await Socks5Handshake.NegotiateAsync(stream, NoAuth, Target, CancellationToken.None);
        Assert.Equal(0, reply.Code);
        Assert.Equal("05 01 00 05 01 00 01 AC 13 05 50 10 92", Hex.Of(stream.Written));
        Assert.Equal(2, stream.Unread); // the tunnel's first bytes are left for the tunnel
    }

    [Fact]
    public async Task With_login_the_client_authenticates_when_the_proxy_asks()
    {
        var stream = new ScriptedStream(Hex.Bytes("05 02 01 00 " + SuccessReply));
        await Socks5Handshake.NegotiateAsync(stream, WithAuth, Target, CancellationToken.None);
        Assert.Equal("05 02 00 02 01 04 55 53 45 52 03 50 57 44 05 01 00 01 AC 13 05 50 10 92", Hex.Of(stream.Written));
    }

    [Fact]
    public async Task With_login_the_proxy_may_still_choose_no_authentication()
    {
        var stream = new ScriptedStream(Hex.Bytes("05 00 " + SuccessReply));
        await Socks5Handshake.NegotiateAsync(stream, WithAuth, Target, CancellationToken.None);
        Assert.Equal("05 02 00 02 05 01 00 01 AC 13 05 50 10 92", Hex.Of(stream.Written));
    }

    [Fact]
    public async Task A_name_goes_as_atyp_03()
    {
        var stream = new ScriptedStream(Hex.Bytes("05 00 " + SuccessReply));
        await Socks5Handshake.NegotiateAsync(stream, NoAuth, new Socks5Destination("localhost", null, 80), CancellationToken.None);
        Assert.Equal("05 01 00 05 01 00 03 09 6C 6F 63 61 6C 68 6F 73 74 00 50", Hex.Of(stream.Written));
    }

    public static TheoryData<int> EveryCut => [.. Enumerable.Range(0, 2 + 2 + 22 + 1)];

    [Theory]
    [MemberData(nameof(EveryCut))]
    public async Task Answers_split_anywhere_are_read_exactly(int cut)
    {
        byte[] answers = Hex.Bytes("05 02 01 00 05 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 50 AA");
        var stream = new ScriptedStream(answers, cut);
        Socks5Reply reply = await Socks5Handshake.NegotiateAsync(stream, WithAuth, Target, CancellationToken.None);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 80), reply.BoundAddress);
        Assert.Equal(1, stream.Unread);
    }

    [Theory]
    [InlineData("05 FF", false, "requires authentication")]
    [InlineData("05 FF", true, "accepts none of the authentication methods")]
    [InlineData("05 02", false, "not offered")]
    [InlineData("05 02 01 01", true, "authentication failed")]
    [InlineData("05 02", true, "closed the connection")]
    [InlineData("48 54 54 50 2F 31", false, "not SOCKS5")]
    [InlineData("05 00 05 00 00 09 00", false, "not SOCKS5")]
    [InlineData("05 00 05 00 00 01 7F", false, "closed the connection before its reply to CONNECT")]
    [InlineData("", false, "closed the connection before its answer to the greeting")]
    public async Task Failures_are_proxy_failures_with_the_reason_and_never_the_password(string answers, bool login, string reason)
    {
        var proxy = login ? new Socks5ProxyOptions("127.0.0.1", 1080) { Username = "USER", Password = "s3cret-PWD" } : NoAuth;
        var ex = await Assert.ThrowsAsync<WLSocketException>(() =>
            Socks5Handshake.NegotiateAsync(new ScriptedStream(Hex.Bytes(answers)), proxy, Target, CancellationToken.None).AsTask());
        Assert.Equal(WLSocketError.ProxyFailure, ex.Error);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1080", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_reply_is_returned_after_two_bytes()
    {
        var stream = new ScriptedStream(Hex.Bytes("05 00 05 05"));
        Socks5Reply reply = await Socks5Handshake.NegotiateAsync(stream, NoAuth, Target, CancellationToken.None);
        Assert.Equal(5, reply.Code);
    }

    [Fact]
    public void Options_never_show_the_password()
    {
        var proxy = new Socks5ProxyOptions("::1", 1081) { Username = "USER", Password = "s3cret", ResolveHostRemotely = true };
        Assert.Equal("socks5h://[::1]:1081 (with user name/password)", proxy.ToString());
    }

    [Theory]
    [InlineData("socks5://127.0.0.1", "127.0.0.1", 1080, false)]
    [InlineData("socks5://127.0.0.1:1081", "127.0.0.1", 1081, false)]
    [InlineData("SOCKS5H://proxy.example:9050", "proxy.example", 9050, true)]
    [InlineData("127.0.0.1", "127.0.0.1", 1080, false)]
    [InlineData("proxy.example:1081", "proxy.example", 1081, false)]
    [InlineData("::1", "::1", 1080, false)]
    [InlineData("socks5://[::1]:1082", "::1", 1082, false)]
    [InlineData("socks5://[::1]", "::1", 1080, false)]
    [InlineData("socks5://127.0.0.1/", "127.0.0.1", 1080, false)]
    public void Addresses_parse(string address, string host, int port, bool remote)
    {
        Socks5ProxyOptions proxy = Socks5ProxyOptions.Parse(address);
        Assert.Equal((host, port, remote, false), (proxy.Host, proxy.Port, proxy.ResolveHostRemotely, proxy.HasCredentials));
    }

    [Fact]
    public void User_information_in_the_address_is_decoded_and_hidden()
    {
        Socks5ProxyOptions proxy = Socks5ProxyOptions.Parse("socks5://us%40er:p%3Ass@127.0.0.1:1080");
        Assert.Equal(("us@er", "p:ss"), (proxy.Username, proxy.Password));
        Assert.DoesNotContain("p:ss", proxy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3128")]
    [InlineData("socks4://127.0.0.1")]
    [InlineData("socks5://")]
    [InlineData("socks5://127.0.0.1:0")]
    [InlineData("socks5://127.0.0.1:70000")]
    [InlineData("socks5://127.0.0.1:port")]
    [InlineData("socks5://[::1")]
    [InlineData("socks5://127.0.0.1/path")]
    public void Other_schemes_and_malformed_addresses_are_refused(string address)
    {
        Assert.Throws<FormatException>(() => Socks5ProxyOptions.Parse(address));
    }

    [Fact]
    public void A_refused_address_with_a_password_does_not_show_it()
    {
        var ex = Assert.Throws<FormatException>(() => Socks5ProxyOptions.Parse("http://user:s3cret@127.0.0.1"));
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }
}
