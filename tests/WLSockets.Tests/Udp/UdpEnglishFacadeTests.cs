using System.Globalization;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Functions;
using static WLSockets.WLangage.WLangageExtensions;

namespace WLSockets.Tests.Udp;

/// <summary>WinDev's English-edition UDP code ports as written, on the same implementation.</summary>
public class UdpEnglishFacadeTests
{
    [Fact]
    public void Udp_flow_with_english_names()
    {
        string server = UniqueName("Server"), station = UniqueName("StationA");
        Assert.True(SocketCreateUDP(server, 0, "127.0.0.1"), ErrorInfo());
        Assert.True(SocketCreateUDP(station, 0, "127.0.0.1"), ErrorInfo(errFullDetails));
        int serverPort = SocketLocalPort(server);

        Assert.True(SocketWrite(station, "hello world", "127.0.0.1", serverPort));
        Assert.True(SocketWrite(station, new byte[] { 1, 2 }, "127.0.0.1"));
        Assert.Equal("hello world", (string)SocketRead(server, false, 2000));
        Assert.Equal("127.0.0.1", SocketClientInfo(server, SocketAddress));
        string stationPort = SocketClientInfo(server, SocketPort);
        Assert.Equal(SocketLocalPort(station).ToString(CultureInfo.InvariantCulture), stationPort);
        Assert.True(SocketWrite(server, SocketRead(server, false, 2000), SocketClientInfo(server, SocketAddress), int.Parse(stationPort, CultureInfo.InvariantCulture)));
        Assert.Equal(new byte[] { 1, 2 }, (byte[])SocketRead(station, false, 2000));
        Assert.False(ErrorOccurred);

        Assert.False(SocketChangeTransmissionMode(server, SocketNoEndTag));
        Assert.Equal((int)WLSocketError.InvalidSocketKind, (int)ErrorInfo(errCode));
        Assert.Equal("SocketChangeTransmissionMode", (string)ErrorInfo(errPendant));
        Assert.False(SocketWrite(server, "no destination"));
        Assert.Equal("SocketWrite", (string)ErrorInfo(errPendant));
        Assert.False(SocketCreateUDP(server, 0));
        Assert.Equal("SocketCreateUDP", (string)ErrorInfo(errPendant));

        Assert.True(SocketExist(server));
        SocketClose(server);
        SocketClose(station);
        Assert.False(SocketExist(server));
    }
}
