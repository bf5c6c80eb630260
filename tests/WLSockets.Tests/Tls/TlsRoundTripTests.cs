using System.Security.Authentication;
using System.Text;

namespace WLSockets.Tests.Tls;

/// <summary>Every framing mode works unchanged inside TLS, blocking and awaiting, in both directions.</summary>
public class TlsRoundTripTests
{
    public static TheoryData<TransmissionMode> Modes { get; } = new(Enum.GetValues<TransmissionMode>());

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Messages_cross_in_every_mode(TransmissionMode mode)
    {
        await using Pair pair = await TlsLoopback.PairAsync(mode);
        Assert.NotNull(pair.Client.TlsSession);
        Assert.NotNull(pair.Server.TlsSession);
        Assert.Equal(mode, pair.Server.Mode); // inherited from the listener

        await pair.Client.SendAsync("HelloWord", Loopback.Ct).Within();
        if (mode == TransmissionMode.NoEndTag)
        {
            Assert.Equal("HelloWord", Encoding.ASCII.GetString(await Loopback.ReceiveRawAsync(pair.Server, 9)));
        }
        else
        {
            Assert.Equal("HelloWord", await pair.Server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        }

        byte[] big = new byte[200_000];
        Random.Shared.NextBytes(big);
        if (mode != TransmissionMode.NoEndTag)
        {
            big.AsSpan().Replace((byte)'<', (byte)'x'); // no marker inside the payload
        }

        Task send = Loopback.OnThread(() => pair.Server.Send(big));
        byte[] received = mode == TransmissionMode.NoEndTag
            ? await Loopback.ReceiveRawAsync(pair.Client, big.Length)
            : await Loopback.OnThread(() => pair.Client.Receive(Loopback.Deadline)).Within();
        await send.Within();
        Assert.Equal(big, received);
    }

    [Fact]
    public async Task IPv6_loopback_is_validated_against_the_certificate_s_IP_address()
    {
        Assert.SkipUnless(Loopback.HasIPv6Loopback(), "no IPv6 loopback on this machine");
        using MessageListener listener = MessageListener.Start("::1", 0, null, new TlsServerOptions(TlsTestCertificates.Server));
        Task<MessageConnection> accept = listener.AcceptAsync(Loopback.Ct).AsTask();
        await using MessageConnection client = await MessageConnection.ConnectAsync("::1", listener.LocalEndPoint.Port, TlsTestCertificates.ClientOptions(), Loopback.Ct).Within();
        using MessageConnection server = await accept.Within();
        Assert.Equal("::1", client.TlsSession!.TargetHost);
        await client.SendAsync("v6", Loopback.Ct).Within();
        Assert.Equal("v6", await server.ReceiveStringAsync(Loopback.Deadline, Loopback.Ct).Within());
        server.Abort();
    }

    [Fact]
    public async Task The_session_reports_what_was_negotiated()
    {
        await using Pair pair = await TlsLoopback.PairAsync(configureClient: tls => tls.EnabledProtocols = SslProtocols.Tls12);
        Assert.Equal(SslProtocols.Tls12, pair.Client.TlsSession!.Protocol);
        Assert.Equal(SslProtocols.Tls12, pair.Server.TlsSession!.Protocol);
        Assert.Equal(TlsTestCertificates.Server.Thumbprint, pair.Client.TlsSession.RemoteCertificate!.Thumbprint);
        Assert.Null(pair.Server.TlsSession.RemoteCertificate);
        Assert.Equal("127.0.0.1", pair.Client.TlsSession.TargetHost);
    }
}
