using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Functions;

namespace WLSockets.Tests.WLangage;

/// <summary>The English facade ports WinDev's English-edition code as written, on the same implementation.</summary>
public class EnglishFacadeTests
{
    [Fact]
    public void Standard_server_flow_with_english_names()
    {
        string server = UniqueName("Server");
        int port = FreePort();
        Assert.True(SocketCreate(server, port, "127.0.0.1"), ErrorInfo());
        string client = UniqueName("Client");
        Assert.True(SocketConnect(client, port, "127.0.0.1"), ErrorInfo(errFullDetails));
        Assert.True(SocketWaitForConnection(server, 5000));
        string channel = SocketAccept(server);
        Assert.NotEqual("", channel);

        Assert.True(SocketChangeTransmissionMode(channel, SocketEndTag, CR));
        Assert.True(SocketChangeTransmissionMode(client, SocketEndTag, CR));
        Assert.True(SocketWrite(client, "HELO"));
        Assert.Equal("HELO", (string)SocketRead(channel, false, 5000));
        Assert.Equal("127.0.0.1", SocketClientInfo(channel, SocketAddress));
        Assert.True(SocketWrite(channel, SocketRead(client, false, 0))); // nothing to read yet: sends an empty message (the marker alone)
        Assert.False(ErrorOccurred);
        Assert.Equal("", (string)SocketRead(client, false, 5000)); // the empty message: "" without error
        Assert.False(ErrorOccurred);

        SocketClose(client);
        Assert.Equal("", (string)SocketRead(channel, false, 5000)); // the close: "" with error 100031
        Assert.True(ErrorOccurred);
        Assert.Equal(100031, (int)ErrorInfo(errCode));
        Assert.Equal("SocketRead", (string)ErrorInfo(errPendant));
        Assert.True(SocketExist(channel));
        SocketClose(channel);
        Assert.False(SocketExist(channel));
        Assert.False(SocketDeny(channel));
        SocketClose(server);
    }
}
