using System.Net;
using WLSockets.Transports.Socks;
using WLSockets.UnitTests.Fakes;

namespace WLSockets.Fuzz.Targets;

/// <summary>
/// The SOCKS5 client negotiation (<see cref="Socks5Handshake"/>: method choice, RFC 1929 status, CONNECT reply) against a
/// "proxy" whose answers are the input, cut after a chosen byte. Byte 0: bit 0 offers a login, the rest is the cut.
/// Invariants: only <see cref="WLSocketError.ProxyFailure"/>; never a byte read past the reply (the tunnel's bytes stay
/// unread); the password never appears in an error.
/// </summary>
internal sealed class Socks5ReplyTarget : ParserTarget
{
    private const string Password = "Pa55-w0rd-never-shown";
    private static readonly Socks5ProxyOptions s_noLogin = new("127.0.0.1", 1080);
    private static readonly Socks5ProxyOptions s_login = new("127.0.0.1", 1080) { Username = "USER", Password = Password };
    private static readonly Socks5Destination s_target = new("172.19.5.80", IPAddress.Parse("172.19.5.80"), 4242);

    public override string Name => "socks5-reply";

    public override IReadOnlyList<byte[]> Seeds { get; } =
    [
        [0x00, 0x05, 0x00, 0x05, 0x00, 0x00, 0x01, 0x7F, 0x00, 0x00, 0x4D, 0x10, 0x92, 0xAA, 0xBB],           // success, IPv4, tunnel bytes after
        [0x01, 0x05, 0x02, 0x01, 0x00, 0x05, 0x00, 0x00, 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x00, 0x50, 0xAA], // login, IPv6
        [0x00, 0x05, 0x00, 0x05, 0x00, 0x00, 0x03, 0x09, .. "localhost"u8, 0x00, 0x50],                       // domain
        [0x00, 0x05, 0x00, 0x05, 0x05],                                                                       // refused (05)
        [0x00, 0x05, 0xFF],                                                                                   // no acceptable method
        [0x01, 0x05, 0x02, 0x01, 0x01],                                                                       // wrong password
        [0x00, .. "HTTP/1.1 400 Bad Request\r\n\r\n"u8],                                                      // not SOCKS5
        [0x00, 0x05, 0x00, 0x05, 0x00, 0x00, 0x03, 0x00, 0x00, 0x50],                                         // empty name
    ];

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        Socks5ProxyOptions proxy = (input[0] & 1) == 1 ? s_login : s_noLogin;
        byte[] answers = input[1..].ToArray();
        var stream = new ScriptedStream(answers, input[0] >> 1);
        try
        {
            Socks5Reply reply = Socks5Handshake.NegotiateAsync(stream, proxy, s_target, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Check(reply.Length is >= 2 and <= Socks5Protocol.MaxReplyLength, $"Reply length {reply.Length}.");
            Check(reply.Code != 0 || reply.BoundAddress is not null, "A success reply without its bound address.");
            int readByHandshake = answers.Length - stream.Unread;
            int authentication = proxy == s_login && answers.Length > 1 && answers[1] == Socks5Protocol.MethodUserPassword ? 2 : 0;
            Check(readByHandshake == 2 + authentication + reply.Length, $"The handshake read {readByHandshake} bytes for a {reply.Length}-byte reply: it took bytes of the tunnel.");
        }
        catch (WLSocketException ex)
        {
            ExpectDocumented(ex, WLSocketError.ProxyFailure);
            Check(!ex.Message.Contains(Password, StringComparison.Ordinal), "The password appears in an error message.");
        }
    }
}
