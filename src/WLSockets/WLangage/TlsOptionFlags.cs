using System.Security.Authentication;
using WLSockets.Transports.Tls;

namespace WLSockets.WLangage;

/// <summary>
/// The <c>&lt;Options SSL&gt;</c> constants of <c>SocketCréeSSL</c> / <c>SocketConnecteSSL</c> (open question L2:
/// WinDev does not document their values; they never reach the wire) and their mapping to <see cref="SslProtocols"/> (L1).
/// </summary>
internal static class TlsOptionFlags
{
    public const int Ssl2 = 0x01;
    public const int Ssl3 = 0x02;
    public const int Tls1 = 0x04;
    public const int Tls11 = 0x08;
    public const int Tls12 = 0x10;
    public const int Tls13 = 0x20;
    public const int Hash = 0x100;
    public const int Name = 0x200;

    /// <summary><c>SocketConnecteSSL</c>'s default: TLS 1.0 + 1.1 + 1.2.</summary>
    public const int DefaultClient = Tls1 + Tls11 + Tls12;

    /// <summary><c>SocketCréeSSL</c>'s default: TLS 1.0 + 1.1 + 1.2, identifier = name.</summary>
    public const int DefaultServer = DefaultClient + Name;

    private const int Versions = Ssl2 | Ssl3 | Tls1 | Tls11 | Tls12 | Tls13;
    private const int All = Versions | Hash | Name;

    /// <summary>True when the certificate identifier is a thumbprint (<c>HashCertificat</c>).</summary>
    public static bool IsHash(int options) => (options & Hash) != 0;

    /// <summary>
    /// The versions to enable: those requested that this system's engine accepts. SSL 2/3 are never enabled; versions
    /// the engine refuses are dropped as long as one remains (so the documented default means TLS 1.2 on a current
    /// system). No protocol flag at all means the default set.
    /// </summary>
    /// <exception cref="WLSocketException">InvalidArgument for unknown bits or both identifier kinds; NotSupported when
    /// no requested version is available.</exception>
    public static SslProtocols ToProtocols(int options)
    {
        if ((options & ~All) != 0 || options < 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                $"Invalid SSL options 0x{options:X}: combine ProtocoleTLS1, ProtocoleTLS1_1, ProtocoleTLS1_2, ProtocoleTLS1_3 with + (and HashCertificat or NomCertificat for SocketCréeSSL).");
        }

        if ((options & Hash) != 0 && (options & Name) != 0)
        {
            throw new WLSocketException(WLSocketError.InvalidArgument,
                "Invalid SSL options: HashCertificat and NomCertificat together. Give HashCertificat when the identifier is a thumbprint, NomCertificat (the default) when it is a name.");
        }

        int versions = options & Versions;
        if (versions == 0)
        {
            versions = DefaultClient;
        }

        if ((versions & ~(Ssl2 | Ssl3)) == 0)
        {
            throw new WLSocketException(WLSocketError.NotSupported,
                "Protocol no longer supported: SSL 2.0 and SSL 3.0 are insecure and removed from .NET and from current TLS engines. Use ProtocoleTLS1_2 + ProtocoleTLS1_3.");
        }

        SslProtocols enabled = SslProtocols.None;
        var refused = new List<string>();
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.0 and 1.1 are obsolete, but WinDev's default still asks for them; the engine is asked whether it allows them.
        foreach ((int flag, SslProtocols protocol, string label) in new[]
        {
            (Tls1, SslProtocols.Tls, "TLS 1.0"),
            (Tls11, SslProtocols.Tls11, "TLS 1.1"),
            (Tls12, SslProtocols.Tls12, "TLS 1.2"),
            (Tls13, SslProtocols.Tls13, "TLS 1.3"),
        })
#pragma warning restore SYSLIB0039, CA5397
        {
            if ((versions & flag) == 0)
            {
                continue;
            }

            if (TlsEngine.IsAvailable(protocol))
            {
                enabled |= protocol;
            }
            else
            {
                refused.Add(label);
            }
        }

        if (enabled == SslProtocols.None)
        {
            throw new WLSocketException(WLSocketError.NotSupported,
                $"Protocol not supported on this system: {string.Join(" and ", refused)} {(refused.Count == 1 ? "is" : "are")} disabled in its TLS engine ({TlsEngine.Name}), and SSL 2.0/3.0 are no longer supported. Add ProtocoleTLS1_2 or ProtocoleTLS1_3.");
        }

        return enabled;
    }
}
