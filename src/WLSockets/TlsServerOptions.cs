using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets;

/// <summary>
/// TLS for a listener (<see cref="MessageListener.Start(string, int, MessageConnectionOptions?, TlsServerOptions, bool)"/>):
/// each accepted client completes its TLS handshake before the application sees it.
/// </summary>
/// <remarks>
/// Handshakes run in the background, several at a time, each bounded by <see cref="HandshakeTimeout"/>: a slow or silent
/// client never delays the others. A client whose handshake fails (it does not speak TLS, refuses our certificate,
/// presents a bad one, or times out) is closed and never handed out; <see cref="MessageListener.HandshakeFailed"/>
/// reports it.
/// </remarks>
public sealed class TlsServerOptions
{
    /// <summary>Creates server options with the certificate (which must hold its private key) that the server presents.</summary>
    /// <exception cref="ArgumentException">The certificate has no private key.</exception>
    public TlsServerOptions(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException(
                $"The server certificate '{certificate.Subject}' has no private key: load it from a PFX/PKCS#12 file, from PEM certificate and key files, or from a store where it was imported with its key.",
                nameof(certificate));
        }

        Certificate = certificate;
    }

    /// <summary>The certificate the server presents, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Protocol versions accepted. Default <see cref="SslProtocols.None"/>: the system's choice (TLS 1.2 and 1.3 today).</summary>
    public SslProtocols EnabledProtocols { get; set; } = SslProtocols.None;

    /// <summary>
    /// Requires a client certificate (mutual TLS); a client without one, or with one that fails validation, is
    /// refused. Default false: no client certificate is asked for.
    /// </summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>
    /// When set, a client certificate's chain must end at one of these (a private authority, or the self-signed client
    /// certificates themselves) instead of the system's roots.
    /// </summary>
    public X509Certificate2Collection? TrustedClientCertificates { get; set; }

    /// <summary>Decides instead of the default validation of client certificates; returns true to accept.</summary>
    public RemoteCertificateValidationCallback? ClientCertificateValidation { get; set; }

    /// <summary>Longest time a client may take to complete its handshake. Default 10 s.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most clients held at once between TCP accept and the application's accept (handshaking, or ready and waiting);
    /// further clients wait in the system's listen queue. Default 128.
    /// </summary>
    public int MaxPendingConnections { get; set; } = 128;

    internal TlsServerOptions Clone() => (TlsServerOptions)MemberwiseClone();
}
