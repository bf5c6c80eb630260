using System.Security.Cryptography.X509Certificates;

namespace WLSockets.WLangage;

/// <summary>SSL/TLS sockets: <c>SocketCreateSSL</c>, <c>SocketConnectSSL</c>, <c>SocketConfigure</c> and their constants.</summary>
/// <remarks>The store constants (<c>certPersonnel</c> ...) and <c>socketParamètreMode</c> keep their French names: no English name is confirmed (open question G12).</remarks>
public static partial class Functions
{
    /// <inheritdoc cref="Fonctions.ProtocoleSSL2"/>
    public const int ProtocolSSL2 = Fonctions.ProtocoleSSL2;

    /// <inheritdoc cref="Fonctions.ProtocoleSSL3"/>
    public const int ProtocolSSL3 = Fonctions.ProtocoleSSL3;

    /// <inheritdoc cref="Fonctions.ProtocoleTLS1"/>
    public const int ProtocolTLS1 = Fonctions.ProtocoleTLS1;

    /// <inheritdoc cref="Fonctions.ProtocoleTLS1_1"/>
    public const int ProtocolTLS1_1 = Fonctions.ProtocoleTLS1_1;

    /// <inheritdoc cref="Fonctions.ProtocoleTLS1_2"/>
    public const int ProtocolTLS1_2 = Fonctions.ProtocoleTLS1_2;

    /// <inheritdoc cref="Fonctions.ProtocoleTLS1_3"/>
    public const int ProtocolTLS1_3 = Fonctions.ProtocoleTLS1_3;

    /// <inheritdoc cref="Fonctions.HashCertificat"/>
    public const int CertificateHash = Fonctions.HashCertificat;

    /// <inheritdoc cref="Fonctions.NomCertificat"/>
    public const int CertificateName = Fonctions.NomCertificat;

    /// <inheritdoc cref="Fonctions.certAutorité"/>
    public const string certAutorité = Fonctions.certAutorité;

    /// <inheritdoc cref="Fonctions.certConfiance"/>
    public const string certConfiance = Fonctions.certConfiance;

    /// <inheritdoc cref="Fonctions.certPersonnel"/>
    public const string certPersonnel = Fonctions.certPersonnel;

    /// <inheritdoc cref="Fonctions.certRacine"/>
    public const string certRacine = Fonctions.certRacine;

    /// <inheritdoc cref="Fonctions.socketParamètreMode"/>
    public const int socketParamètreMode = Fonctions.socketParamètreMode;

    /// <inheritdoc cref="Fonctions.SocketCréeSSL(string, int, string, int, string, string)"/>
    public static bool SocketCreateSSL(string socketName, int portNumber, string certificateIdentifier, int sslOptions = TlsOptionFlags.DefaultServer,
        string address = "", string storeName = certPersonnel) =>
        SocketRuntime.CreateSsl(nameof(SocketCreateSSL), socketName, portNumber, certificateIdentifier, sslOptions, address, storeName);

    /// <inheritdoc cref="Fonctions.SocketCréeSSL(string, int, X509Certificate2, int, string)"/>
    public static bool SocketCreateSSL(string socketName, int portNumber, X509Certificate2 certificate, int sslOptions = TlsOptionFlags.DefaultServer, string address = "") =>
        SocketRuntime.CreateSsl(nameof(SocketCreateSSL), socketName, portNumber, certificate, sslOptions, address);

    /// <inheritdoc cref="Fonctions.SocketConnecteSSL(string, int, string, int, int, X509Certificate2?)"/>
    public static bool SocketConnectSSL(string socketName, int portNumber, string address, int sslOption = TlsOptionFlags.DefaultClient,
        int maximumTimeout = SocketRuntime.DefaultConnectTimeoutMs, X509Certificate2? clientCertificate = null) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnectSSL), socketName, portNumber, address, sslOption, SocketRuntime.Milliseconds(maximumTimeout), clientCertificate);

    /// <inheritdoc cref="Fonctions.SocketConnecteSSL(string, int, string, int, TimeSpan, X509Certificate2?)"/>
    public static bool SocketConnectSSL(string socketName, int portNumber, string address, int sslOption, TimeSpan maximumTimeout, X509Certificate2? clientCertificate = null) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnectSSL), socketName, portNumber, address, sslOption, maximumTimeout, clientCertificate);

    /// <inheritdoc cref="Fonctions.SocketConnecteSSL(string, int, string, int, int, X509Certificate2Collection)"/>
    public static bool SocketConnectSSL(string socketName, int portNumber, string address, int sslOption, int maximumTimeout, X509Certificate2Collection clientCertificate) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnectSSL), socketName, portNumber, address, sslOption, SocketRuntime.Milliseconds(maximumTimeout), clientCertificate);

    /// <inheritdoc cref="Fonctions.SocketParamètre"/>
    public static void SocketConfigure(int option, int value) => SocketRuntime.Configure(nameof(SocketConfigure), option, value);
}
