using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets;

/// <summary>What a TLS handshake negotiated (<see cref="MessageConnection.TlsSession"/>).</summary>
public sealed class TlsSessionInfo
{
    private TlsSessionInfo(SslProtocols protocol, TlsCipherSuite cipherSuite, X509Certificate2? remoteCertificate, string? targetHost)
    {
        Protocol = protocol;
        CipherSuite = cipherSuite;
        RemoteCertificate = remoteCertificate;
        TargetHost = targetHost;
    }

    /// <summary>The protocol version in use (for example <see cref="SslProtocols.Tls13"/>).</summary>
    public SslProtocols Protocol { get; }

    /// <summary>The cipher suite in use.</summary>
    public TlsCipherSuite CipherSuite { get; }

    /// <summary>The peer's certificate: the server's on a client, the client's on a server (null when it sent none).</summary>
    public X509Certificate2? RemoteCertificate { get; }

    /// <summary>On a client, the name validated and sent in SNI; on a server, the name the client asked for (SNI), if any.</summary>
    public string? TargetHost { get; }

    internal static TlsSessionInfo From(SslStream stream, string? targetHost) =>
        new(stream.SslProtocol, stream.NegotiatedCipherSuite, stream.RemoteCertificate as X509Certificate2,
            string.IsNullOrEmpty(targetHost) ? (string.IsNullOrEmpty(stream.TargetHostName) ? null : stream.TargetHostName) : targetHost);
}
