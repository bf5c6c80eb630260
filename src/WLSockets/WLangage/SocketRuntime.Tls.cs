using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WLSockets.Transports.Tls;

namespace WLSockets.WLangage;

/// <summary>The TLS entry points behind <c>SocketCréeSSL</c>, <c>SocketConnecteSSL</c> and <c>SocketParamètre</c>.</summary>
internal static partial class SocketRuntime
{
    /// <summary>WinDev's <c>socketParamètreMode</c> option of <c>SocketParamètre</c> (value not documented, open question L2).</summary>
    public const int ParameterTlsMode = 1;

    /// <summary>WinDev's <c>certPersonnel</c>: the personal store, where a server's certificate and key live.</summary>
    public const string PersonalStore = "My";

    public static bool CreateSsl(string fn, string name, int port, string identifier, int options, string address, string storeName) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        ValidatePort(port);
        ArgumentNullException.ThrowIfNull(identifier);
        SslProtocols protocols = TlsOptionFlags.ToProtocols(options);
        CertificateMatch match = TlsOptionFlags.IsHash(options) ? CertificateMatch.Thumbprint : CertificateMatch.Name;
        X509Certificate2 certificate = CertificateLoader.FromStore(identifier, match, string.IsNullOrEmpty(storeName) ? PersonalStore : storeName);
        return StartSsl(name, port, certificate, protocols, address);
    });

    public static bool CreateSsl(string fn, string name, int port, X509Certificate2 certificate, int options, string address) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        ValidatePort(port);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new WLSocketException(WLSocketError.CertificateNotFound,
                $"The certificate '{certificate.Subject}' has no private key: a server needs it. Load it from a PFX/PKCS#12 file or from PEM certificate and key files (CertificateLoader).");
        }

        return StartSsl(name, port, certificate, TlsOptionFlags.ToProtocols(options), address);
    });

    private static bool StartSsl(string name, int port, X509Certificate2 certificate, SslProtocols protocols, string address)
    {
        MessageConnectionOptions options = WLangageSettings.NewConnectionOptions();
        var tls = new TlsServerOptions(certificate)
        {
            EnabledProtocols = protocols,
            RequireClientCertificate = WLangageSettings.RequireClientCertificate,
            ClientCertificateValidation = WLangageSettings.ClientCertificateValidation(),
            HandshakeTimeout = WLangageSettings.TlsHandshakeTimeout,
        };
        bool unique = (WLangageSettings.SocketOption & WLangageSettings.UniqueAddress) != 0;
        MessageListener listener = MessageListener.Start(address ?? "", port, options, tls, exclusiveAddress: unique);
        SocketRegistry.Add(NamedSocket.ForListener(name, listener));
        return true;
    }

    public static bool ConnectSsl(string fn, string name, int port, string address, int options, TimeSpan timeout, X509Certificate2? clientCertificate) => Run(fn, false, () =>
    {
        SocketRegistry.EnsureFree(name);
        ValidatePort(port);
        SslProtocols protocols = TlsOptionFlags.ToProtocols(options); // HashCertificat / NomCertificat: accepted, no meaning here (L9)
        if (clientCertificate is { HasPrivateKey: false })
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"The client certificate '{clientCertificate.Subject}' has no private key: load it from a PFX/PKCS#12 file with its password.");
        }

        MessageConnectionOptions connection = WLangageSettings.NewConnectionOptions();
        connection.ConnectTimeout = timeout;
        connection.Tls = new TlsClientOptions
        {
            EnabledProtocols = protocols,
            ClientCertificate = clientCertificate,
            AllowInvalidCertificate = WLangageSettings.AcceptInvalidCertificates,
            CertificateValidation = WLangageSettings.CertificateValidation,
        };
        connection.Proxy = WLangageSettings.Proxy; // SocketProxy: TLS runs inside the tunnel (P1)
        MessageConnection secured = MessageConnection.Connect(address ?? "", port, connection);
        SocketRegistry.Add(NamedSocket.ForConnection(name, SocketKind.Client, secured));
        return true;
    });

    public static bool ConnectSsl(string fn, string name, int port, string address, int options, TimeSpan timeout, X509Certificate2Collection clientCertificates) => Run(fn, false, () =>
    {
        ArgumentNullException.ThrowIfNull(clientCertificates);

        // As WinDev's CertificatCharge example: the last certificate of the array (the last one with its key).
        X509Certificate2 certificate = clientCertificates.LastOrDefault(c => c.HasPrivateKey)
            ?? throw new WLSocketException(WLSocketError.InvalidArgument,
                clientCertificates.Count == 0
                    ? "The client certificate array is empty: load the PFX/PKCS#12 file first and check that it holds a certificate."
                    : $"None of the {clientCertificates.Count} client certificates has a private key: load them from a PFX/PKCS#12 file with its password.");
        return ConnectSsl(fn, name, port, address, options, timeout, certificate);
    });

    public static void Configure(string fn, int option, int value) => Run(fn, false, () =>
    {
        if (option != ParameterTlsMode)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument, $"Invalid option {option}: SocketParamètre knows socketParamètreMode only.");
        }

        if (value is not (TlsEngine.SChannel or TlsEngine.OpenSsl))
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid value {value} for socketParamètreMode: 0 = SChannel (Windows' engine), 1 = OpenSSL.");
        }

        WLangageSettings.TlsEngineChoice = value;
        if (value != TlsEngine.Mode)
        {
            string wanted = value == TlsEngine.SChannel ? "SChannel (socketParamètreMode 0) is the Windows TLS engine" : "OpenSSL (socketParamètreMode 1) is not available to .NET on this system";
            throw new WLSocketException(WLSocketError.NotSupported,
                $"TLS engine choice not supported: {wanted}; .NET uses the system's engine, here {TlsEngine.Name}, and cannot switch. Secured sockets keep working with {TlsEngine.Name}.");
        }

        return true;
    });
}
