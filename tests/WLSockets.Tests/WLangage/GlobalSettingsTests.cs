using System.Net;
using System.Text;
using WLSockets.Text;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeBehaviourTests;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.WLangage;

/// <summary>Process-wide settings; these tests change them, so they never run beside other facade tests.</summary>
[CollectionDefinition(nameof(GlobalSettingsTests), DisableParallelization = true)]
public class GlobalSettingsGroup;

/// <summary>Tests of <c>Socket.Option</c>, <see cref="WLangageSettings"/> and strict errors.</summary>
[Collection(nameof(GlobalSettingsTests))]
public class GlobalSettingsTests
{
    [Fact]
    public void Unicode_encoding_doubles_the_length_header()
    {
        Encoding previous = WLangageSettings.Encoding;
        (string l, string c, string ch) = Connected();
        SocketChangeModeTransmission(ch, SocketSansMarqueurFin);
        try
        {
            WLangageSettings.Encoding = WinDevEncodings.Utf16;
            string unicode = UniqueName("U");
            int port = ((IPEndPoint)SocketRegistry.Get(l).Listener!.LocalEndPoint).Port;
            Assert.True(SocketConnecte(unicode, port, "127.0.0.1"));
            Assert.True(SocketEcrit(unicode, "Hi"));
            SocketFerme(unicode);
        }
        finally
        {
            WLangageSettings.Encoding = previous;
        }

        Assert.True(SocketAttendConnexion(l, 5000));
        string second = SocketAccepte(l);
        SocketChangeModeTransmission(second, SocketSansMarqueurFin);
        Assert.Equal("340d0a48006900", ReadHex(second, 7));
        CloseAll(c, ch, second, l);
    }


    [Fact]
    public void Strict_errors_throw_only_in_the_fatal_cases()
    {
        WLangageSettings.StrictErrors = true;
        try
        {
            var ex = Assert.Throws<WLangageFatalErrorException>(() => SocketLit(UniqueName("absent"), false, 1));
            Assert.Equal("SocketLit", ex.Function);
            Assert.False(SocketConnecte(UniqueName("R"), FreePort(), "127.0.0.1")); // I/O failures stay non-fatal
        }
        finally
        {
            WLangageSettings.StrictErrors = false;
        }
    }


    [Fact]
    public void Socket_option_nagle_off_and_unique_address()
    {
        int previous = Socket.Option;
        try
        {
            Socket.Option = SocketNagleOff;
            (string l, string c, string ch) = Connected();
            Assert.True(TcpSocketOf(c).NoDelay);
            Assert.True(TcpSocketOf(ch).NoDelay);
            Socket.Option = SocketOptionDéfaut;
            string other = UniqueName("C");
            int port = ((IPEndPoint)SocketRegistry.Get(l).Listener!.LocalEndPoint).Port;
            Assert.True(SocketConnecte(other, port, "127.0.0.1"));
            Assert.False(TcpSocketOf(other).NoDelay); // WinDev default: Nagle on

            // An established connection still holds the port once the listener is closed: reuse allows a new
            // listener there, SocketAdresseUnique does not.
            SocketFerme(l);
            Socket.Option = SocketAdresseUnique;
            Assert.False(SocketCrée(UniqueName("U"), port, "127.0.0.1"));
            Assert.Equal((int)WLSocketError.AddressInUse, (int)ErreurInfo(errCode));
            Socket.Option = SocketOptionDéfaut;
            string again = UniqueName("R");
            Assert.True(SocketCrée(again, port, "127.0.0.1"), ErreurInfo());
            CloseAll(c, ch, other, again);
        }
        finally
        {
            Socket.Option = previous;
        }
    }


    private static System.Net.Sockets.Socket TcpSocketOf(string name) =>
        ((WLSockets.Transports.Tcp.TcpTransport)SocketRegistry.Get(name).Connection!.Transport).Socket;
}
