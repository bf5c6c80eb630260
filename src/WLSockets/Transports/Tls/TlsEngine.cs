using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WLSockets.Transports.Tls;

/// <summary>Which TLS engine .NET uses on this system, and which protocol versions it really accepts.</summary>
internal static class TlsEngine
{
    /// <summary>WinDev's <c>socketParamètreMode</c> value for SChannel.</summary>
    public const int SChannel = 0;

    /// <summary>WinDev's <c>socketParamètreMode</c> value for OpenSSL.</summary>
    public const int OpenSsl = 1;

    private static readonly ConcurrentDictionary<SslProtocols, bool> s_available = new();
    private static readonly Lazy<string> s_name = new(DescribeEngine);

    /// <summary>The <c>socketParamètreMode</c> value of the engine in use: 0 on Windows, 1 on Linux/FreeBSD, -1 elsewhere (Apple, Android).</summary>
    public static int Mode =>
        OperatingSystem.IsWindows() ? SChannel
        : OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD() ? OpenSsl
        : -1;

    /// <summary>"OpenSSL 3.0.19", "SChannel", ...</summary>
    public static string Name => s_name.Value;

    private static string DescribeEngine()
    {
        if (OperatingSystem.IsWindows())
        {
            return "SChannel (Windows)";
        }

        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
        {
            try
            {
                long v = SafeEvpPKeyHandle.OpenSslVersion;
                long major = (v >> 28) & 0xF;
                long minor = (v >> 20) & 0xFF;
                long patch = major >= 3 ? (v >> 4) & 0xFF : (v >> 12) & 0xFF;
                return string.Create(CultureInfo.InvariantCulture, $"OpenSSL {major}.{minor}.{patch}");
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException or CryptographicException or TypeInitializationException)
            {
                return "OpenSSL";
            }
        }

        return OperatingSystem.IsAndroid() ? "Android (Java TLS)" : "Apple Security framework";
    }

    /// <summary>
    /// Whether the engine completes a handshake restricted to <paramref name="protocol"/> (one version). Found once per
    /// process by a handshake with itself on loopback, because system policy (OpenSSL's security level, Windows'
    /// registry) decides, not .NET. When the probe itself cannot run, the answer is true and the engine decides later.
    /// </summary>
    public static bool IsAvailable(SslProtocols protocol) => s_available.GetOrAdd(protocol, Probe);

    private static readonly Lazy<X509Certificate2> s_probeCertificate = new(() => CertificateLoader.CreateSelfSigned("localhost", 1, SelfSignedKeyType.EcdsaP256));

    [SuppressMessage("Security", "CA5359", Justification = "The probe handshakes with itself over loopback to learn which versions the engine allows; it carries no data.")]
    private static bool Probe(SslProtocols protocol)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(listener.LocalEndPoint!);
            using Socket server = listener.Accept();
            using var serverTls = new SslStream(new NetworkStream(server, ownsSocket: false));
            using var clientTls = new SslStream(new NetworkStream(client, ownsSocket: false));
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            Task serverSide = serverTls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = s_probeCertificate.Value, EnabledSslProtocols = protocol }, limit.Token);
            Task clientSide = clientTls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = protocol, RemoteCertificateValidationCallback = static (_, _, _, _) => true },
                limit.Token);
            try
            {
                // A one-time check on the facade's blocking path; both sides are local and bounded by the limit.
                Task.WaitAll(serverSide, clientSide);
            }
            catch (AggregateException)
            {
                return false;
            }

            return clientTls.SslProtocol == protocol;
        }
        catch (Exception ex) when (ex is SocketException or CryptographicException or NotSupportedException or WLSocketException)
        {
            return true; // the probe could not run here: offer the version and let the handshake decide
        }
    }
}
