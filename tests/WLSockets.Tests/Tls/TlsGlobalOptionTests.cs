using System.Net;
using WLSockets.Transports.Tls;
using WLSockets.WLangage;
using static WLSockets.Tests.Tls.TlsFacadeSupport;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Tls;

/// <summary><c>Socket.Option</c> applies to TLS sockets as to TCP ones (transports.md §1, §4.8). Global: runs alone.</summary>
[Collection("GlobalSettingsTests")]
public class TlsGlobalOptionTests
{
    [Fact]
    public void Nagle_and_unique_address_apply_to_TLS_sockets()
    {
        int previous = Socket.Option;
        using IDisposable trust = Trust(TlsTestCertificates.Server);
        try
        {
            Socket.Option = SocketNagleOff;
            string listener = UniqueName("SSL");
            int port = CreateSslListener(listener, TlsTestCertificates.Server);
            string client = UniqueName("C");
            Assert.True(SocketConnecteSSL(client, port, "127.0.0.1"), ErreurInfo());
            Assert.True(SocketAttendConnexion(listener, 5000));
            string channel = SocketAccepte(listener);
            Assert.True(TlsSocketOf(client).NoDelay);
            Assert.True(TlsSocketOf(channel).NoDelay);

            Socket.Option = SocketOptionDéfaut;
            string other = UniqueName("C");
            Assert.True(SocketConnecteSSL(other, port, "127.0.0.1"), ErreurInfo());
            Assert.False(TlsSocketOf(other).NoDelay); // WinDev default: Nagle on

            // An established connection still holds the port once the listener is closed: reuse allows a new
            // listener there, SocketAdresseUnique does not.
            SocketFerme(listener);
            Socket.Option = SocketAdresseUnique;
            Assert.False(SocketCréeSSL(UniqueName("U"), port, TlsTestCertificates.Server, ProtocoleTLS1_2, "127.0.0.1"));
            Assert.Equal((int)WLSocketError.AddressInUse, (int)ErreurInfo(errCode));
            Socket.Option = SocketOptionDéfaut;
            string again = UniqueName("R");
            Assert.True(SocketCréeSSL(again, port, TlsTestCertificates.Server, ProtocoleTLS1_2, "127.0.0.1"), ErreurInfo());
            Assert.Equal(port, ((IPEndPoint)SocketRegistry.Get(again).Listener!.LocalEndPoint).Port);
            foreach (string name in new[] { client, channel, other, again })
            {
                SocketFerme(name);
            }
        }
        finally
        {
            Socket.Option = previous;
        }
    }

    private static System.Net.Sockets.Socket TlsSocketOf(string name) =>
        ((TlsTransport)SocketRegistry.Get(name).Connection!.Transport).Socket;
}
