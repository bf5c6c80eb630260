using System.Buffers;
using System.Net;
using WLSockets.Transports.Socks;

namespace WLSockets.UnitTests.Socks;

/// <summary>The exact bytes of transports.md §11.6 and the reply parser fed every prefix of every reply.</summary>
public class Socks5ProtocolTests
{
    [Fact]
    public void Greetings_are_the_specified_bytes()
    {
        Assert.Equal("05 01 00", Hex.Of(Socks5Protocol.Greeting(offerUserPassword: false)));
        Assert.Equal("05 02 00 02", Hex.Of(Socks5Protocol.Greeting(offerUserPassword: true)));
    }

    [Fact]
    public void User_password_request_is_rfc_1929()
    {
        Assert.Equal("01 04 55 53 45 52 03 50 57 44", Hex.Of(Socks5Protocol.UserPasswordRequest("USER", "PWD")));
        Assert.Equal("01 01 75 00", Hex.Of(Socks5Protocol.UserPasswordRequest("u", ""))); // empty password
        Assert.Equal("01 02 C3 A9 02 C3 A0", Hex.Of(Socks5Protocol.UserPasswordRequest("é", "à"))); // UTF-8 (P5)
    }

    [Fact]
    public void Overlong_credentials_are_refused_without_showing_them()
    {
        var ex = Assert.Throws<WLSocketException>(() => Socks5Protocol.UserPasswordRequest("u", new string('s', 256)));
        Assert.Equal(WLSocketError.InvalidArgument, ex.Error);
        Assert.DoesNotContain("sss", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connect_requests_carry_ipv4_ipv6_or_the_name()
    {
        Assert.Equal("05 01 00 01 AC 13 05 50 10 92", Hex.Of(Socks5Protocol.ConnectRequest(IPAddress.Parse("172.19.5.80"), 4242)));
        Assert.Equal("05 01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 50",
            Hex.Of(Socks5Protocol.ConnectRequest(IPAddress.IPv6Loopback, 80)));
        Assert.Equal("05 01 00 01 7F 00 00 01 01 BB", Hex.Of(Socks5Protocol.ConnectRequest(IPAddress.Parse("::ffff:127.0.0.1"), 443))); // mapped → IPv4
        Assert.Equal("05 01 00 03 09 6C 6F 63 61 6C 68 6F 73 74 FF FF", Hex.Of(Socks5Protocol.ConnectRequest("localhost", 65535)));
        Assert.Equal("05 01 00 03 10 78 6E 2D 2D 63 61 66 2D 64 6D 61 2E 74 65 73 74 00 50",
            Hex.Of(Socks5Protocol.ConnectRequest("café.test", 80))); // IDNA
    }

    [Fact]
    public void A_name_longer_than_255_bytes_is_refused()
    {
        string name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        Assert.Equal(WLSocketError.InvalidArgument, Assert.Throws<WLSocketException>(() => Socks5Protocol.ConnectRequest(name, 80)).Error);
    }

    [Theory]
    [InlineData("05 00", OperationStatus.Done, 0x00)]
    [InlineData("05 02", OperationStatus.Done, 0x02)]
    [InlineData("05 FF", OperationStatus.Done, 0xFF)]
    [InlineData("05", OperationStatus.NeedMoreData, 0)]
    [InlineData("", OperationStatus.NeedMoreData, 0)]
    [InlineData("04 00", OperationStatus.InvalidData, 0)]
    [InlineData("48", OperationStatus.InvalidData, 0)] // "H" of an HTTP answer
    public void Method_choice(string hex, OperationStatus expected, byte method)
    {
        Assert.Equal(expected, Socks5Protocol.ParseMethodChoice(Hex.Bytes(hex), out byte parsed));
        Assert.Equal(method, parsed);
    }

    [Theory]
    [InlineData("01 00", OperationStatus.Done, 0x00)]
    [InlineData("01 01", OperationStatus.Done, 0x01)]
    [InlineData("05 00", OperationStatus.Done, 0x00)] // some proxies answer with version 5
    [InlineData("01", OperationStatus.NeedMoreData, 0)]
    [InlineData("02 00", OperationStatus.InvalidData, 0)]
    public void Auth_status(string hex, OperationStatus expected, byte status)
    {
        Assert.Equal(expected, Socks5Protocol.ParseAuthStatus(Hex.Bytes(hex), out byte parsed));
        Assert.Equal(status, parsed);
    }

    public static TheoryData<string, string> Replies => new()
    {
        { "05 00 00 01 7F 00 00 4D 10 92", "127.0.0.77:4242" },
        { "05 00 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 50", "[::1]:80" },
        { "05 00 00 03 09 6C 6F 63 61 6C 68 6F 73 74 01 BB", "localhost:443" },
        { "05 00 00 03 01 61 00 01", "a:1" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Every_prefix_of_a_reply_asks_for_more_but_never_past_its_end(string hex, string bound)
    {
        byte[] reply = Hex.Bytes(hex);
        for (int cut = 0; cut < reply.Length; cut++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, Socks5Protocol.ParseReply(reply.AsSpan(0, cut), out _, out int needed));
            Assert.InRange(needed, cut + 1, reply.Length);
        }

        Assert.Equal(OperationStatus.Done, Socks5Protocol.ParseReply(reply, out Socks5Reply parsed, out _));
        Assert.Equal(0, parsed.Code);
        Assert.Equal(reply.Length, parsed.Length);
        Assert.Equal(bound, parsed.BoundAddress switch
        {
            DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            var other => other!.ToString(),
        });
    }

    [Fact]
    public void Reading_by_what_the_parser_asks_takes_exactly_the_reply()
    {
        foreach (string hex in Replies.Select(r => r.Data.Item1))
        {
            byte[] reply = Hex.Bytes(hex);
            byte[] wire = [.. reply, 0xAA, 0xBB]; // tunnel bytes right behind the reply
            int have = 0;
            int rounds = 0;
            while (Socks5Protocol.ParseReply(wire.AsSpan(0, have), out _, out int needed) == OperationStatus.NeedMoreData)
            {
                have = needed;
                Assert.True(++rounds <= 3, "the parser must know the length within three reads");
            }

            Assert.Equal(reply.Length, have);
        }
    }

    [Theory]
    [InlineData(0x01, "general SOCKS server failure")]
    [InlineData(0x02, "not allowed")]
    [InlineData(0x03, "network unreachable")]
    [InlineData(0x04, "host unreachable")]
    [InlineData(0x05, "connection refused by the destination")]
    [InlineData(0x06, "TTL expired")]
    [InlineData(0x07, "command not supported")]
    [InlineData(0x08, "address type not supported")]
    [InlineData(0x09, "unknown reply code")]
    public void A_failure_reply_is_done_as_soon_as_its_code_is_known(byte code, string words)
    {
        byte[] twoBytes = [0x05, code];
        Assert.Equal(OperationStatus.Done, Socks5Protocol.ParseReply(twoBytes, out Socks5Reply reply, out _));
        Assert.Equal(code, reply.Code);
        Assert.Null(reply.BoundAddress);
        Assert.Contains(words, Socks5Protocol.DescribeReply(code), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("04")] // SOCKS4 answer
    [InlineData("48 54")] // "HT" of "HTTP/1.1 400"
    [InlineData("00 5A")]
    [InlineData("05 00 00 02")] // unknown address type
    [InlineData("05 00 00 07 00")]
    [InlineData("05 00 00 03 00")] // empty name
    public void Garbage_is_invalid_data_early(string hex)
    {
        Assert.Equal(OperationStatus.InvalidData, Socks5Protocol.ParseReply(Hex.Bytes(hex), out _, out _));
    }

    [Fact]
    public void The_longest_reply_is_bounded()
    {
        byte[] header = [0x05, 0x00, 0x00, 0x03, 0xFF];
        Assert.Equal(OperationStatus.NeedMoreData, Socks5Protocol.ParseReply(header, out _, out int needed));
        Assert.Equal(Socks5Protocol.MaxReplyLength, needed);
    }
}
