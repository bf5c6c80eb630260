using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using WLSockets.WLangage;
using static WLSockets.Tests.WLangage.FacadeTestSupport;
using static WLSockets.WLangage.Fonctions;

namespace WLSockets.Tests.Tls;

/// <summary>The TLS facade settings are process-wide: the tests that read or change them run one at a time.</summary>
[CollectionDefinition(nameof(TlsFacadeGroup))]
public class TlsFacadeGroup;

/// <summary>Helpers for the TLS facade tests.</summary>
internal static class TlsFacadeSupport
{
    /// <summary>Creates a TLS listener on a free loopback port with a loaded certificate (retried on the rare port collision).</summary>
    public static int CreateSslListener(string name, X509Certificate2 certificate, int options = ProtocoleTLS1 + ProtocoleTLS1_1 + ProtocoleTLS1_2 + NomCertificat) =>
        CreateOnFreePort(port => SocketCréeSSL(name, port, certificate, options, "127.0.0.1"));

    /// <summary>Creates a TLS listener from a certificate found in a store.</summary>
    public static int CreateSslListener(string name, string identifier, int options, string store) =>
        CreateOnFreePort(port => SocketCréeSSL(name, port, identifier, options, "127.0.0.1", store));

    private static int CreateOnFreePort(Func<int, bool> create)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            if (create(port))
            {
                return port;
            }

            if (attempt == 10 || ErreurInfo(errCode) != (int)WLSocketError.AddressInUse)
            {
                throw new InvalidOperationException($"SocketCréeSSL failed: {ErreurInfo()}");
            }
        }
    }

    /// <summary>Makes the facades trust exactly these certificates (by thumbprint) until disposed.</summary>
    public static IDisposable Trust(params X509Certificate2[] certificates)
    {
        HashSet<string> pinned = certificates.Select(c => c.Thumbprint).ToHashSet(StringComparer.OrdinalIgnoreCase);
        RemoteCertificateValidationCallback? previous = WLangageSettings.CertificateValidation;
        WLangageSettings.CertificateValidation = (_, certificate, _, _) => certificate is X509Certificate2 c && pinned.Contains(c.Thumbprint);
        return new Restore(() => WLangageSettings.CertificateValidation = previous);
    }

    /// <summary>Sets a TLS setting for one test and restores it afterwards.</summary>
    public static IDisposable With(Action set, Action restore)
    {
        set();
        return new Restore(restore);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
