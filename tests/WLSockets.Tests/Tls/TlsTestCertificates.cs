using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Tests.Tls;

/// <summary>Certificates made once per test run (key generation is the slow part of a TLS test).</summary>
internal static class TlsTestCertificates
{
    private static readonly Lazy<X509Certificate2> s_server = new(() => CertificateLoader.CreateSelfSigned("localhost", 2, SelfSignedKeyType.EcdsaP256));
    private static readonly Lazy<X509Certificate2> s_serverRsa = new(() => CertificateLoader.CreateSelfSigned("localhost", 2));
    private static readonly Lazy<X509Certificate2> s_client = new(() => CertificateLoader.CreateSelfSigned("wlsockets-test-client", 2, SelfSignedKeyType.EcdsaP256));

    /// <summary>CN=localhost (also 127.0.0.1 and ::1), ECDSA P-256, valid now.</summary>
    public static X509Certificate2 Server => s_server.Value;

    /// <summary>The same names with an RSA 2048 key.</summary>
    public static X509Certificate2 ServerRsa => s_serverRsa.Value;

    /// <summary>A client certificate for mutual TLS, CN=wlsockets-test-client.</summary>
    public static X509Certificate2 Client => s_client.Value;

    /// <summary>Client options that trust <see cref="Server"/> (and nothing else) and check the host name.</summary>
    public static TlsClientOptions TrustServer(X509Certificate2? server = null) => new()
    {
        TrustedCertificates = [server ?? Server],
    };

    /// <summary>Connection options whose TLS trusts <paramref name="server"/>.</summary>
    public static MessageConnectionOptions ClientOptions(TransmissionMode mode = TransmissionMode.SizePrefixed, X509Certificate2? server = null) => new()
    {
        Mode = mode,
        Tls = TrustServer(server),
    };
}
