using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WLSockets.Transports.Tls;
using WLSockets.WLangage;
using static WLSockets.Tests.Tls.TlsFacadeSupport;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Tls;

/// <summary>SocketCréeSSL, SocketConnecteSSL and SocketParamètre as transports.md §4–5 and open questions L1–L12 describe them.</summary>
[Collection(nameof(TlsFacadeGroup))]
public class TlsFacadeTests
{
    private static X509Certificate2 Server => TlsTestCertificates.Server;

    [Fact]
    public void A_server_found_by_name_in_a_store_serves_a_standard_exchange()
    {
        using var store = new TempCertificateStore();
        string cn = "facade-" + Guid.NewGuid().ToString("N");
        X509Certificate2 certificate = store.Add(CertificateLoader.CreateSelfSigned(cn, 1, SelfSignedKeyType.EcdsaP256));
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, cn, ProtocoleTLS1_2 + ProtocoleTLS1_3 + NomCertificat, store.Name);

        using IDisposable _ = Trust(certificate);
        string client = UniqueName("C");
        Assert.True(SocketConnecteSSL(client, port, "127.0.0.1"), ErreurInfo()); // validated: pinned by the test
        Assert.True(SocketAttendConnexion(listener, 5000), ErreurInfo());
        string channel = SocketAccepte(listener);
        Assert.NotEqual("", channel);
        Assert.Equal(((IPEndPoint)SocketRegistry.Get(client).Connection!.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)SocketClientInfo(channel, SocketPort));
        Assert.Equal("127.0.0.1", (string)SocketClientInfo(channel, SocketAdresse));

        Assert.True(SocketEcrit(client, "Bonjour"));
        Assert.Equal("Bonjour", (string)SocketLit(channel, false, 5000));
        Assert.True(SocketChangeModeTransmission(channel, SocketMarqueurFin, CRLF));
        Assert.True(SocketChangeModeTransmission(client, SocketMarqueurFin, CRLF));
        Assert.True(SocketEcrit(channel, "Réponse"));
        Assert.Equal("Réponse", (string)SocketLit(client, false, 5000));
        Assert.False(ErreurDétectée, ErreurInfo());

        SocketFerme(client);
        Assert.Equal("", (string)SocketLit(channel, false, 5000));
        Assert.Equal((int)WLSocketError.ConnectionClosed, (int)ErreurInfo(errCode));
        SocketFerme(channel);
        SocketFerme(listener);
    }

    [Fact]
    public void A_simplified_server_found_by_thumbprint_in_the_personal_store()
    {
        using var store = new TempCertificateStore(certPersonnel);
        X509Certificate2 certificate = store.Add(CertificateLoader.CreateSelfSigned("localhost", 1, SelfSignedKeyType.EcdsaP256));
        string hex = certificate.Thumbprint.ToLowerInvariant();
        string spaced = string.Join(" ", Enumerable.Range(0, 20).Select(i => hex.Substring(i * 2, 2))); // as certmgr shows it
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, spaced, ProtocoleTLS1_2 + HashCertificat, certPersonnel);

        using IDisposable _ = Trust(certificate);
        string client = UniqueName("C");
        Assert.True(SocketConnecteSSL(client, port, "127.0.0.1", ProtocoleTLS1_2), ErreurInfo());
        Assert.True(SocketEcrit(client, "question"));
        Assert.Equal("question", (string)SocketLit(listener, false, 5000)); // the first read accepts the client
        Assert.True(SocketEcrit(listener, "answer"));
        Assert.Equal("answer", (string)SocketLit(client, false, 5000));
        Assert.Equal(SslProtocols.Tls12, SocketRegistry.Get(client).Connection!.TlsSession!.Protocol);
        SocketFerme(client);
        SocketFerme(listener);
    }

    [Fact]
    public void A_certificate_name_not_in_the_store_fails_with_what_was_searched()
    {
        string missing = "absent-" + Guid.NewGuid().ToString("N");
        Assert.False(SocketCréeSSL(UniqueName("SSL"), FreePort(), missing));
        Assert.Equal((int)WLSocketError.CertificateNotFound, (int)ErreurInfo(errCode));
        string message = ErreurInfo();
        Assert.Contains("CurrentUser\\My", message, StringComparison.Ordinal);
        Assert.Contains(missing, message, StringComparison.Ordinal);
        Assert.Contains("examined", message, StringComparison.Ordinal);
        Assert.Equal("SocketCréeSSL", (string)ErreurInfo(errPendant));

        Assert.False(SocketCréeSSL(UniqueName("SSL"), FreePort(), "12 34", HashCertificat));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
    }

    [Fact]
    public void An_untrusted_server_is_refused_by_default_with_the_reason()
    {
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, Server);
        string client = UniqueName("C");
        Assert.False(SocketConnecteSSL(client, port, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.CertificateRejected, (int)ErreurInfo(errCode));
        Assert.Contains("chain errors", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.False(SocketExiste(client));
        SocketFerme(listener);
    }

    [Fact]
    public void Wrong_host_and_expired_certificates_are_refused_and_accepted_only_with_the_explicit_setting()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 otherHost = CertificateLoader.CreateSelfSigned("other.example", 1, SelfSignedKeyType.EcdsaP256);
        X509Certificate2 expired = CertificateLoader.CreateSelfSigned("localhost", now.AddDays(-30), now.AddDays(-1), SelfSignedKeyType.EcdsaP256);
        foreach ((X509Certificate2 certificate, string reason) in new[] { (otherHost, "name mismatch"), (expired, "NotTimeValid") })
        {
            string listener = UniqueName("SSL");
            int port = CreateSslListener(listener, certificate);
            string client = UniqueName("C");
            Assert.False(SocketConnecteSSL(client, port, "127.0.0.1"));
            Assert.Equal((int)WLSocketError.CertificateRejected, (int)ErreurInfo(errCode));
            Assert.Contains(reason, (string)ErreurInfo(), StringComparison.Ordinal);

            using (With(() => WLangageSettings.AcceptInvalidCertificates = true, () => WLangageSettings.AcceptInvalidCertificates = false))
            {
                Assert.True(SocketConnecteSSL(client, port, "127.0.0.1"), ErreurInfo());
            }

            // .NET checks the server's certificate once the TLS exchange is over: the refused client did reach the
            // server, and closed at once. The simplified server reads its end, then takes the next client.
            Assert.True(SocketEcrit(client, "accepted"));
            string received = SocketLit(listener, false, 5000);
            if (received == "")
            {
                Assert.Equal((int)WLSocketError.ConnectionClosed, (int)ErreurInfo(errCode));
                received = SocketLit(listener, false, 5000);
            }

            Assert.Equal("accepted", received);
            SocketFerme(client);
            SocketFerme(listener);
        }
    }

    [Theory]
    [InlineData(ProtocoleSSL2)]
    [InlineData(ProtocoleSSL3)]
    [InlineData(ProtocoleSSL2 + ProtocoleSSL3 + NomCertificat)]
    public void SSL_2_and_3_alone_are_no_longer_supported(int options)
    {
        Assert.False(SocketConnecteSSL(UniqueName("C"), FreePort(), "127.0.0.1", options));
        Assert.Equal((int)WLSocketError.NotSupported, (int)ErreurInfo(errCode));
        Assert.Contains("no longer supported", (string)ErreurInfo(), StringComparison.Ordinal);

        Assert.False(SocketCréeSSL(UniqueName("SSL"), FreePort(), Server, options));
        Assert.Equal((int)WLSocketError.NotSupported, (int)ErreurInfo(errCode));
    }

    [Fact]
    public void TLS_1_0_alone_works_only_where_the_engine_still_allows_it()
    {
        string name = UniqueName("SSL");
        bool created = SocketCréeSSL(name, FreePort(), Server, ProtocoleTLS1);
#pragma warning disable SYSLIB0039, CA5397 // asking the engine about the obsolete version is the point
        if (TlsEngine.IsAvailable(SslProtocols.Tls))
#pragma warning restore SYSLIB0039, CA5397
        {
            Assert.True(created, ErreurInfo());
            SocketFerme(name);
            return;
        }

        Assert.False(created);
        Assert.Equal((int)WLSocketError.NotSupported, (int)ErreurInfo(errCode));
        Assert.Contains("TLS 1.0 is disabled", (string)ErreurInfo(), StringComparison.Ordinal);
        Assert.Contains(WLangageSettings.TlsEngineName, (string)ErreurInfo(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProtocoleTLS1 + ProtocoleTLS1_1 + ProtocoleTLS1_2, ProtocoleTLS1 + ProtocoleTLS1_1 + ProtocoleTLS1_2 + NomCertificat, SslProtocols.Tls12)]
    [InlineData(ProtocoleTLS1_3, ProtocoleTLS1_2 + ProtocoleTLS1_3, SslProtocols.Tls13)]
    [InlineData(ProtocoleTLS1_2 + ProtocoleTLS1_3, ProtocoleTLS1_2, SslProtocols.Tls12)]
    [InlineData(ProtocoleSSL3 + ProtocoleTLS1_2, HashCertificat, SslProtocols.Tls12)] // SSL 3 ignored; no version = the default set
    public void The_highest_common_version_is_negotiated(int clientOptions, int serverOptions, SslProtocols expected)
    {
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, Server, serverOptions);
        using IDisposable _ = Trust(Server);
        string client = UniqueName("C");
        Assert.True(SocketConnecteSSL(client, port, "127.0.0.1", clientOptions), ErreurInfo());
        Assert.Equal(expected, SocketRegistry.Get(client).Connection!.TlsSession!.Protocol);
        SocketFerme(client);
        SocketFerme(listener);
    }

    [Fact]
    public void No_common_version_fails_the_handshake()
    {
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, Server, ProtocoleTLS1_2);
        using IDisposable _ = Trust(Server);
        Assert.False(SocketConnecteSSL(UniqueName("C"), port, "127.0.0.1", ProtocoleTLS1_3));
        Assert.Equal((int)WLSocketError.TlsHandshakeFailed, (int)ErreurInfo(errCode));
        SocketFerme(listener);
    }

    [Theory]
    [InlineData(HashCertificat + NomCertificat)]
    [InlineData(ProtocoleTLS1_2 + 0x4000)]
    [InlineData(-1)]
    public void Invalid_options_are_invalid_arguments(int options)
    {
        Assert.False(SocketCréeSSL(UniqueName("SSL"), FreePort(), "localhost", options));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
    }

    [Fact]
    public void A_client_certificate_is_presented_when_the_server_requires_one()
    {
        X509Certificate2 clientCertificate = TlsTestCertificates.Client;
        using IDisposable trust = Trust(Server, clientCertificate);
        using IDisposable require = With(() => WLangageSettings.RequireClientCertificate = true, () => WLangageSettings.RequireClientCertificate = false);
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, Server);

        string client = UniqueName("C");
        Assert.True(SocketConnecteSSL(client, port, "127.0.0.1", ProtocoleTLS1_2, 5000, clientCertificate), ErreurInfo());
        Assert.True(SocketAttendConnexion(listener, 5000));
        string channel = SocketAccepte(listener);
        Assert.Equal(clientCertificate.Thumbprint, SocketRegistry.Get(channel).Connection!.TlsSession!.RemoteCertificate!.Thumbprint);

        // As WinDev's CertificatCharge example: an array, its last certificate with a key is used.
        X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(Server.Export(X509ContentType.Cert));
        string second = UniqueName("C");
        Assert.True(SocketConnecteSSL(second, port, "127.0.0.1", ProtocoleTLS1_2, 5000, new X509Certificate2Collection { clientCertificate, publicOnly }), ErreurInfo());
        Assert.True(SocketAttendConnexion(listener, 5000));
        string secondChannel = SocketAccepte(listener);
        Assert.Equal(clientCertificate.Thumbprint, SocketRegistry.Get(secondChannel).Connection!.TlsSession!.RemoteCertificate!.Thumbprint);

        // Without a certificate: .NET checks the client's certificate once the TLS exchange is over, so the client may
        // see its handshake succeed; the server then closes without handing the connection out, and the client learns
        // it at its first read.
        string nocert = UniqueName("C");
        if (SocketConnecteSSL(nocert, port, "127.0.0.1", ProtocoleTLS1_2))
        {
            Assert.Equal("", (string)SocketLit(nocert, false, 5000));
            Assert.True(ErreurDétectée);
            SocketFerme(nocert);
        }
        else
        {
            Assert.Equal((int)WLSocketError.TlsHandshakeFailed, (int)ErreurInfo(errCode));
        }

        Assert.False(SocketAttendConnexion(listener, 0)); // never handed out

        Assert.False(SocketConnecteSSL(UniqueName("C"), port, "127.0.0.1", ProtocoleTLS1_2, 5000, publicOnly));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecteSSL(UniqueName("C"), port, "127.0.0.1", ProtocoleTLS1_2, 5000, new X509Certificate2Collection()));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        SocketFerme(client);
        SocketFerme(second);
        SocketFerme(secondChannel);
        SocketFerme(channel);
        SocketFerme(listener);
    }

    [Fact]
    public void SocketRefuse_and_SocketAccepte_work_on_a_TLS_server()
    {
        string listener = UniqueName("SSL");
        int port = CreateSslListener(listener, Server);
        using IDisposable _ = Trust(Server);
        Assert.Equal("", SocketAccepte(listener));
        Assert.Equal((int)WLSocketError.NoPendingConnection, (int)ErreurInfo(errCode));

        string client = UniqueName("C");
        Assert.True(SocketConnecteSSL(client, port, "127.0.0.1"), ErreurInfo());
        Assert.True(SocketAttendConnexion(listener, 5000));
        Assert.True(SocketRefuse(listener));
        Assert.Equal("", (string)SocketLit(client, false, 5000));
        Assert.Contains((int)ErreurInfo(errCode), new[] { (int)WLSocketError.ConnectionReset, (int)WLSocketError.ConnectionClosed });
        Assert.False(SocketAttendConnexion(listener, 0));

        Assert.False(SocketCréeSSL(listener, FreePort(), Server)); // the name is taken
        Assert.Equal((int)WLSocketError.NameInUse, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecteSSL(client, port, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.NameInUse, (int)ErreurInfo(errCode));
        Assert.False(SocketConnecteSSL(UniqueName("C"), 0, "127.0.0.1"));
        Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
        SocketFerme(client);
        SocketFerme(listener);
    }

    [Fact]
    public void SocketParamètre_records_the_choice_and_reports_the_engine_really_used()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the engine check is written for Linux (OpenSSL)");
        int previous = WLangageSettings.TlsEngineChoice;
        try
        {
            Assert.StartsWith("OpenSSL", WLangageSettings.TlsEngineName, StringComparison.Ordinal);

            SocketParamètre(socketParamètreMode, 1);
            Assert.False(ErreurDétectée, ErreurInfo());
            Assert.Equal(1, WLangageSettings.TlsEngineChoice);

            SocketParamètre(socketParamètreMode, 0);
            Assert.True(ErreurDétectée);
            Assert.Equal((int)WLSocketError.NotSupported, (int)ErreurInfo(errCode));
            Assert.Contains("SChannel", (string)ErreurInfo(), StringComparison.Ordinal);
            Assert.Contains(WLangageSettings.TlsEngineName, (string)ErreurInfo(), StringComparison.Ordinal);
            Assert.Equal(0, WLangageSettings.TlsEngineChoice);

            SocketParamètre(socketParamètreMode, 2);
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            SocketParamètre(socketParamètreMode + 100, 1);
            Assert.Equal((int)WLSocketError.InvalidArgument, (int)ErreurInfo(errCode));
            Assert.Equal("SocketParamètre", (string)ErreurInfo(errPendant));
        }
        finally
        {
            WLangageSettings.TlsEngineChoice = previous;
        }
    }

    [Fact]
    public void The_English_facade_does_the_same()
    {
        string listener = UniqueName("SSL");
        int port = 0;
        for (int attempt = 0; attempt < 10 && port == 0; attempt++)
        {
            int candidate = FreePort();
            if (Functions.SocketCreateSSL(listener, candidate, Server, Functions.ProtocolTLS1_2 + Functions.ProtocolTLS1_3, "127.0.0.1"))
            {
                port = candidate;
            }
        }

        Assert.NotEqual(0, port);
        using IDisposable _ = Trust(Server);
        string client = UniqueName("C");
        Assert.True(Functions.SocketConnectSSL(client, port, "127.0.0.1", Functions.ProtocolTLS1_3, TimeSpan.FromSeconds(5)), Functions.ErrorInfo());
        Assert.True(Functions.SocketWrite(client, "hello"));
        Assert.Equal("hello", (string)Functions.SocketRead(listener, false, 5000));
        Assert.False(Functions.SocketCreateSSL(UniqueName("SSL"), FreePort(), "absent-" + Guid.NewGuid().ToString("N"), Functions.CertificateName, "", Functions.certPersonnel));
        Assert.Equal("SocketCreateSSL", (string)Functions.ErrorInfo(Functions.errPendant));
        Functions.SocketClose(client);
        Functions.SocketClose(listener);
    }
}
