using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets;

/// <summary>
/// TLS for a client connection: set <see cref="MessageConnectionOptions.Tls"/> and <see cref="MessageConnection.ConnectAsync"/>
/// opens a TLS session before returning (its <see cref="MessageConnectionOptions.ConnectTimeout"/> covers connect and
/// handshake). Every framing mode then works unchanged inside the session.
/// </summary>
/// <remarks>
/// The server's certificate is validated by default: its chain must end at a root this machine trusts (or at one of
/// <see cref="TrustedCertificates"/>) and it must be issued for <see cref="TargetHost"/>. A refusal fails the connect
/// with <see cref="WLSocketError.CertificateRejected"/> and the reason. Accepting any certificate is possible, but only
/// by saying so (<see cref="AllowInvalidCertificate"/>).
/// </remarks>
public sealed class TlsClientOptions
{
    /// <summary>
    /// The name sent in SNI and checked against the server's certificate. Default <c>null</c>: the host given to
    /// <see cref="MessageConnection.ConnectAsync"/> (<c>localhost</c> when that is empty). An IP literal is checked
    /// against the certificate's IP addresses.
    /// </summary>
    public string? TargetHost { get; set; }

    /// <summary>Protocol versions offered. Default <see cref="SslProtocols.None"/>: the system's choice (TLS 1.2 and 1.3 today).</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    /// <summary>
    /// Extra trust: when set, the server's chain must end at one of these certificates instead of the system's roots
    /// (a private certification authority, or a self-signed server certificate itself). Host names are still checked.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; set; }

    /// <summary>
    /// Accepts any server certificate: expired, self-signed, issued for another name. <b>Insecure</b>: anyone on the
    /// path can read and change the traffic. For tests and diagnostics only. Default false.
    /// </summary>
    public bool AllowInvalidCertificate { get; set; }

    /// <summary>
    /// Decides instead of the default validation: receives the certificate, the chain and the policy errors found, and
    /// returns true to accept. Ignored when <see cref="AllowInvalidCertificate"/> is true.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; set; }

    /// <summary>A certificate with its private key to present when the server asks for one (mutual TLS). Default none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Whether the server certificate's revocation is checked. Default <see cref="X509RevocationMode.NoCheck"/> (no network access during the handshake).</summary>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    internal TlsClientOptions Clone() => (TlsClientOptions)MemberwiseClone();
}
