using System.Text;
using WLSockets.Tests.WLangage;
using WLSockets.Text;
using WLSockets.WLangage;
using static WLSockets.Tests.Udp.UdpFacadeTests;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Udp;

/// <summary>Process-wide settings on UDP sockets; in the settings collection, so never beside other facade tests.</summary>
[Collection(nameof(GlobalSettingsTests))]
public class UdpGlobalSettingsTests
{
    [Fact]
    public void SocketAdresseUnique_refuses_to_share_the_port()
    {
        string shared = UniqueName("U");
        int port = CreateUdp(shared);
        int previous = Socket.Option;
        try
        {
            Socket.Option = SocketAdresseUnique;
            Assert.False(SocketCréeUDP(UniqueName("U"), port, "127.0.0.1"));
            Assert.Equal((int)WLSocketError.AddressInUse, (int)ErreurInfo(errCode));

            string exclusive = UniqueName("X");
            int exclusivePort = CreateUdp(exclusive);
            Socket.Option = SocketOptionDéfaut;
            Assert.False(SocketCréeUDP(UniqueName("U"), exclusivePort, "127.0.0.1"));
            Assert.Equal((int)WLSocketError.AddressInUse, (int)ErreurInfo(errCode));
            SocketFerme(exclusive);
        }
        finally
        {
            Socket.Option = previous;
        }

        SocketFerme(shared);
    }

    [Fact]
    public void A_unicode_project_sends_UTF16_datagrams()
    {
        string receiver = UniqueName("R");
        int port = CreateUdp(receiver);
        Encoding previous = WLangageSettings.Encoding;
        string sender = UniqueName("S");
        try
        {
            WLangageSettings.Encoding = WinDevEncodings.Utf16;
            CreateUdp(sender);
        }
        finally
        {
            WLangageSettings.Encoding = previous;
        }

        Assert.True(SocketEcrit(sender, "Hé", "127.0.0.1", port));
        Assert.Equal(new byte[] { 0x48, 0x00, 0xE9, 0x00 }, (byte[])SocketLit(receiver, false, 5000));
        SocketFerme(sender);
        SocketFerme(receiver);
    }
}
