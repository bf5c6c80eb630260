using System.Security.Cryptography.X509Certificates;

namespace WLSockets.WLangage;

/// <summary>SSL/TLS sockets: <c>SocketCréeSSL</c>, <c>SocketConnecteSSL</c>, <c>SocketParamètre</c> and their constants.</summary>
public static partial class Fonctions
{
    // ---- <Options SSL> (values are WLSockets' own: WinDev does not document them, open question L2) ----

    /// <summary>Allow SSL 2.0: no longer supported (alone, the function fails with NotSupported; with TLS versions, ignored).</summary>
    public const int ProtocoleSSL2 = TlsOptionFlags.Ssl2;

    /// <summary>Allow SSL 3.0: no longer supported (alone, the function fails with NotSupported; with TLS versions, ignored).</summary>
    public const int ProtocoleSSL3 = TlsOptionFlags.Ssl3;

    /// <summary>Allow TLS 1.0, when this system's TLS engine still does (current OpenSSL and Windows versions do not).</summary>
    public const int ProtocoleTLS1 = TlsOptionFlags.Tls1;

    /// <summary>Allow TLS 1.1, when this system's TLS engine still does (current OpenSSL and Windows versions do not).</summary>
    public const int ProtocoleTLS1_1 = TlsOptionFlags.Tls11;

    /// <summary>Allow TLS 1.2.</summary>
    public const int ProtocoleTLS1_2 = TlsOptionFlags.Tls12;

    /// <summary>Allow TLS 1.3.</summary>
    public const int ProtocoleTLS1_3 = TlsOptionFlags.Tls13;

    /// <summary><c>SocketCréeSSL</c>: the certificate identifier is its hash (thumbprint, as certmgr shows it; spaces allowed).</summary>
    public const int HashCertificat = TlsOptionFlags.Hash;

    /// <summary><c>SocketCréeSSL</c>: the certificate identifier is its name (subject CN, friendly name or full subject). The default.</summary>
    public const int NomCertificat = TlsOptionFlags.Name;

    // ---- <Nom du magasin>: the Windows store names (any other store name may be given as text) ----

    /// <summary>The certification authorities store (<c>CA</c>).</summary>
    public const string certAutorité = "CA";

    /// <summary>The trusted people store (<c>TrustedPeople</c>).</summary>
    public const string certConfiance = "TrustedPeople";

    /// <summary>The personal store (<c>My</c>), the default: where a server's certificate with its private key is installed.</summary>
    public const string certPersonnel = SocketRuntime.PersonalStore;

    /// <summary>The trusted root authorities store (<c>Root</c>).</summary>
    public const string certRacine = "Root";

    // ---- SocketParamètre ----

    /// <summary><c>SocketParamètre</c> option: the TLS engine, 0 = SChannel (Windows), 1 = OpenSSL.</summary>
    public const int socketParamètreMode = SocketRuntime.ParameterTlsMode;

    /// <summary>
    /// Creates a TLS server socket; then use it as any server (simplified, or <c>SocketAttendConnexion</c> /
    /// <c>SocketAccepte</c> / <c>SocketRefuse</c>). Each client's handshake runs in the background; only clients whose
    /// handshake succeeded are pending.
    /// </summary>
    /// <param name="nomSocket">Name of the server socket (case-sensitive).</param>
    /// <param name="numéroPort">Listening port.</param>
    /// <param name="identifiantCertificat">The certificate's name (<see cref="NomCertificat"/>) or thumbprint
    /// (<see cref="HashCertificat"/>); it must be installed with its private key for the current user (or the machine).</param>
    /// <param name="optionsSSL">Protocols and identifier kind, combined with +. Default TLS 1.0 + 1.1 + 1.2 + name;
    /// versions this system refuses are dropped while one remains.</param>
    /// <param name="adresse">Local address; empty = every IPv4 interface.</param>
    /// <param name="nomMagasin">The store: <see cref="certPersonnel"/> (default), <see cref="certAutorité"/>,
    /// <see cref="certConfiance"/>, <see cref="certRacine"/>, or a store name.</param>
    public static bool SocketCréeSSL(string nomSocket, int numéroPort, string identifiantCertificat, int optionsSSL = TlsOptionFlags.DefaultServer,
        string adresse = "", string nomMagasin = certPersonnel) =>
        SocketRuntime.CreateSsl(nameof(SocketCréeSSL), nomSocket, numéroPort, identifiantCertificat, optionsSSL, adresse, nomMagasin);

    /// <summary>
    /// C# extension: creates a TLS server socket with a certificate already loaded (for example with
    /// <see cref="CertificateLoader.FromPfxFile"/> or <see cref="CertificateLoader.FromPemFiles"/>).
    /// <see cref="HashCertificat"/> / <see cref="NomCertificat"/> play no part.
    /// </summary>
    public static bool SocketCréeSSL(string nomSocket, int numéroPort, X509Certificate2 certificat, int optionsSSL = TlsOptionFlags.DefaultServer, string adresse = "") =>
        SocketRuntime.CreateSsl(nameof(SocketCréeSSL), nomSocket, numéroPort, certificat, optionsSSL, adresse);

    /// <summary>
    /// Connects to a TLS server. The server's certificate must be valid and issued for <paramref name="adresse"/>;
    /// otherwise False with error 190022 and the reason (see <see cref="WLangageSettings.AcceptInvalidCertificates"/>).
    /// </summary>
    /// <param name="nomSocket">Name of the connection (case-sensitive).</param>
    /// <param name="numéroPort">Server port.</param>
    /// <param name="adresse">Server name or address (also the name checked in its certificate); empty = this machine.</param>
    /// <param name="optionSSL">Protocols, combined with +. Default TLS 1.0 + 1.1 + 1.2; versions this system refuses are
    /// dropped while one remains.</param>
    /// <param name="attenteMaximale">Milliseconds for connection and handshake together. Default 5000 (WinDev documents
    /// 10 ms, which no handshake fits in: open question T2).</param>
    /// <param name="certificatClient">A certificate with its private key for servers that ask for one.</param>
    public static bool SocketConnecteSSL(string nomSocket, int numéroPort, string adresse, int optionSSL = TlsOptionFlags.DefaultClient,
        int attenteMaximale = SocketRuntime.DefaultConnectTimeoutMs, X509Certificate2? certificatClient = null) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnecteSSL), nomSocket, numéroPort, adresse, optionSSL, SocketRuntime.Milliseconds(attenteMaximale), certificatClient);

    /// <inheritdoc cref="SocketConnecteSSL(string, int, string, int, int, X509Certificate2?)"/>
    public static bool SocketConnecteSSL(string nomSocket, int numéroPort, string adresse, int optionSSL, TimeSpan attenteMaximale, X509Certificate2? certificatClient = null) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnecteSSL), nomSocket, numéroPort, adresse, optionSSL, attenteMaximale, certificatClient);

    /// <summary>Connects with a client certificate taken from an array (the last one with a private key, as WinDev's <c>CertificatCharge</c> example does).</summary>
    public static bool SocketConnecteSSL(string nomSocket, int numéroPort, string adresse, int optionSSL, int attenteMaximale, X509Certificate2Collection certificatClient) =>
        SocketRuntime.ConnectSsl(nameof(SocketConnecteSSL), nomSocket, numéroPort, adresse, optionSSL, SocketRuntime.Milliseconds(attenteMaximale), certificatClient);

    /// <summary>
    /// Chooses the TLS engine (<see cref="socketParamètreMode"/>: 0 = SChannel, 1 = OpenSSL). .NET always uses the
    /// system's engine (<see cref="WLangageSettings.TlsEngineName"/>): the choice is recorded, and a choice this system
    /// cannot honour sets a NotSupported error (secured sockets keep working with the system's engine).
    /// </summary>
    public static void SocketParamètre(int optionAParamétrer, int valeur) =>
        SocketRuntime.Configure(nameof(SocketParamètre), optionAParamétrer, valeur);
}
