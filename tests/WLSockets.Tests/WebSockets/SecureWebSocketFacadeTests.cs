using WLSockets.Tests.Tls;
using WLSockets.WLangage;
using static WLSockets.Tests.Tls.TlsFacadeSupport;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.WebSockets;

/// <summary>WebSocketClientConnecteSSL against Kestrel with a self-signed certificate. The TLS settings are process-wide: runs alone.</summary>
[Collection("GlobalSettingsTests")]
public class SecureWebSocketFacadeTests
{
    [Fact]
    public async Task A_self_signed_server_is_refused_by_default_and_accepted_when_trusted()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync(TlsTestCertificates.Server);
        await RunThread(() =>
        {
            string name = UniqueName("wss");
            Assert.False(WebSocketClientConnecteSSL(name, "127.0.0.1", server.Port, "/echo"));
            Assert.Equal((int)WLSocketError.CertificateRejected, (int)ErreurInfo(errCode));
            Assert.False(SocketExiste(name));

            using (Trust(TlsTestCertificates.Server))
            {
                Assert.True(Functions.WebSocketClientConnectSSL(name, "localhost", server.Port, "echo", "soap", ProtocoleTLS1_2 + ProtocoleTLS1_3, 5000), ErreurInfo());
                Assert.True(SocketEcrit(name, "sécurisé"));
                Assert.Equal("sécurisé", (string)SocketLit(name, false, 5000));
                SocketFerme(name);
            }
        }).Within();
    }

    [Fact]
    public async Task Asynchronous_wss_reports_a_refused_certificate_and_works_when_invalid_certificates_are_accepted()
    {
        await using KestrelWebSocketServer server = await KestrelWebSocketServer.StartAsync(TlsTestCertificates.Server);
        string name = UniqueName("wss-async");
        var refused = new FacadeEvents(name);
        WebSocketClientConnecteSSL(name, refused.Procedure(), "127.0.0.1", server.Port, "/echo");
        FacadeEvents.Event error = await refused.NextAsync();
        Assert.Equal(SocketErreur, error.Kind);
        Assert.Contains("rejected", error.Message, StringComparison.Ordinal); // W12: the details, as the SSL page says

        using IDisposable accept = With(() => WLangageSettings.AcceptInvalidCertificates = true, () => WLangageSettings.AcceptInvalidCertificates = false);
        var events = new FacadeEvents(name);
        WebSocketClientConnecteSSL(name, events.Procedure((kind, _) =>
        {
            if (kind == SocketOuverture)
            {
                SocketEcrit(name, "bonjour");
            }
        }), "127.0.0.1", server.Port, "/echo");
        Assert.Equal(SocketOuverture, (await events.NextAsync()).Kind);
        Assert.Equal("bonjour", (await events.NextAsync()).Message);
        SocketFerme(name);
        FacadeEvents.Event closing = await events.NextAsync();
        Assert.Equal((SocketFermeture, "1000"), (closing.Kind, closing.Message));
    }
}
