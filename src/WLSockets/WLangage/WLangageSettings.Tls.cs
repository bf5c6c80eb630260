using System.Net.Security;
using WLSockets.Transports.Tls;

namespace WLSockets.WLangage;

/// <summary>TLS settings of the facades (C# extensions: WinDev has no equivalent except <c>SocketParamètre</c>).</summary>
public static partial class WLangageSettings
{
    private static volatile bool s_acceptInvalidCertificates;
    private static volatile bool s_requireClientCertificate;
    private static volatile RemoteCertificateValidationCallback? s_certificateValidation;
    private static long s_tlsHandshakeTimeoutTicks = TimeSpan.FromSeconds(10).Ticks;
    private static int s_tlsEngineChoice = TlsEngine.SChannel;

    /// <summary>
    /// Accepts any peer certificate in <c>SocketConnecteSSL</c> (expired, self-signed, issued for another name) and any
    /// client certificate in a <c>SocketCréeSSL</c> server that requires one. <b>Insecure</b>: for tests and diagnostics
    /// only. Default false: certificates are validated (chain and host name) and a refusal makes the function fail
    /// with the reason in <c>ErreurInfo</c>.
    /// </summary>
    public static bool AcceptInvalidCertificates
    {
        get => s_acceptInvalidCertificates;
        set => s_acceptInvalidCertificates = value;
    }

    /// <summary>
    /// Decides instead of the default validation of the peer's certificate (the server's in <c>SocketConnecteSSL</c>, a
    /// client's in a server that requires one): for example to pin a self-signed server by its thumbprint. Null
    /// (default): the system's validation.
    /// </summary>
    public static RemoteCertificateValidationCallback? CertificateValidation
    {
        get => s_certificateValidation;
        set => s_certificateValidation = value;
    }

    /// <summary>
    /// Servers created afterwards with <c>SocketCréeSSL</c> require a client certificate (mutual TLS, open question L4),
    /// validated against the machine's trusted roots (or <see cref="CertificateValidation"/>). Default false.
    /// </summary>
    public static bool RequireClientCertificate
    {
        get => s_requireClientCertificate;
        set => s_requireClientCertificate = value;
    }

    /// <summary>Longest time a client of a <c>SocketCréeSSL</c> server may take to complete its handshake (default 10 s, open question L11).</summary>
    public static TimeSpan TlsHandshakeTimeout
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref s_tlsHandshakeTimeoutTicks));
        set => Interlocked.Exchange(ref s_tlsHandshakeTimeoutTicks, value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value.Ticks
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The handshake timeout must be positive (or infinite)."));
    }

    /// <summary>
    /// The TLS engine .NET really uses on this system: <c>OpenSSL x.y.z</c> on Linux, <c>SChannel</c> on Windows (WinDev's
    /// <c>socketParamètreMode</c> cannot change it).
    /// </summary>
    public static string TlsEngineName => TlsEngine.Name;

    /// <summary>
    /// The last engine choice made with <c>SocketParamètre(socketParamètreMode, ...)</c>: 0 = SChannel (WinDev's default),
    /// 1 = OpenSSL. Recorded even when this system cannot honour it (the call then fails with NotSupported).
    /// </summary>
    public static int TlsEngineChoice
    {
        get => Volatile.Read(ref s_tlsEngineChoice);
        internal set => Volatile.Write(ref s_tlsEngineChoice, value);
    }

    /// <summary>The validation a <c>SocketCréeSSL</c> server applies to client certificates, from the settings above.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359", Justification = "Accepts any certificate only when the application set AcceptInvalidCertificates explicitly.")]
    internal static RemoteCertificateValidationCallback? ClientCertificateValidation() =>
        AcceptInvalidCertificates ? AcceptAny : CertificateValidation;

    private static bool AcceptAny(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate,
        System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) => true;
}
