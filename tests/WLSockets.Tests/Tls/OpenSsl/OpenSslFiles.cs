using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>
/// Certificates shared by the OpenSSL interop tests, as PEM files: two made by <c>openssl req -x509</c> and read with
/// <see cref="CertificateLoader.FromPemFiles"/>, two made by <see cref="CertificateLoader.CreateSelfSigned(string, int, SelfSignedKeyType)"/>
/// and written for openssl. So each side reads certificates the other made.
/// </summary>
public sealed class OpenSslFiles : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    /// <summary>Made by openssl (RSA 2048, CN=localhost): our TLS server presents it to s_client.</summary>
    public X509Certificate2 OpenSslServer { get; private set; } = null!;

    /// <summary>Made by openssl (RSA 2048, CN=openssl-client): our TLS client presents it to s_server.</summary>
    public X509Certificate2 OpenSslClient { get; private set; } = null!;

    /// <summary>Ours (ECDSA P-256, localhost/127.0.0.1/::1): s_server presents it to our client.</summary>
    public X509Certificate2 OurServer { get; } = TlsTestCertificates.Server;

    /// <summary>Ours (ECDSA P-256): s_client presents it to our server.</summary>
    public X509Certificate2 OurClient { get; } = TlsTestCertificates.Client;

    public string OpenSslServerCert => _directory.File("openssl-server.pem");

    public string OpenSslClientCert => _directory.File("openssl-client.pem");

    public string OpenSslClientKey => _directory.File("openssl-client.key");

    public string OurServerCert => _directory.File("our-server.pem");

    public string OurServerKey => _directory.File("our-server.key");

    public string OurClientCert => _directory.File("our-client.pem");

    public string OurClientKey => _directory.File("our-client.key");

    public async ValueTask InitializeAsync()
    {
        if (OpenSslProcess.MissingReason is not null)
        {
            return;
        }

        await MakeAsync("openssl-server", "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        await MakeAsync("openssl-client", "openssl-client", "extendedKeyUsage=clientAuth");
        OpenSslServer = CertificateLoader.FromPemFiles(OpenSslServerCert, _directory.File("openssl-server.key"));
        OpenSslClient = CertificateLoader.FromPemFiles(OpenSslClientCert, OpenSslClientKey);

        Write(OurServer, OurServerCert, OurServerKey);
        Write(OurClient, OurClientCert, OurClientKey);
    }

    private Task MakeAsync(string name, string commonName, string extension) => OpenSslProcess.RunAsync(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + commonName, "-addext", extension,
        "-keyout", _directory.File(name + ".key"), "-out", _directory.File(name + ".pem"));

    private static void Write(X509Certificate2 certificate, string certPath, string keyPath)
    {
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, (certificate.GetECDsaPrivateKey() ?? (System.Security.Cryptography.AsymmetricAlgorithm?)certificate.GetRSAPrivateKey())!.ExportPkcs8PrivateKeyPem());
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
