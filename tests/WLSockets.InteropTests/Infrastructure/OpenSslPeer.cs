using System.Diagnostics;
using System.Globalization;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// The <c>openssl</c> command line as a TLS peer: certificates made by <c>openssl req</c>, <c>s_server</c> and
/// <c>s_client</c> with <c>-quiet</c> (stdin goes into the TLS session, what comes out of it goes to stdout, byte for byte).
/// </summary>
internal static class OpenSslPeer
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// <c>openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=... -addext EXTENSION -days 1</c>: a self-signed
    /// certificate and its unencrypted key, as PEM files NAME.pem and NAME.key in <paramref name="directory"/>.
    /// </summary>
    public static async Task<(string Cert, string Key)> MakeCertificateAsync(TempDirectory directory, string name, string commonName, string extension)
    {
        string cert = directory.File(name + ".pem");
        string key = directory.File(name + ".key");
        await RunAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName, "-addext", extension, "-days", "1",
            "-keyout", key, "-out", cert);
        return (cert, key);
    }

    /// <summary>The server certificate of the brief: CN=localhost, valid for 127.0.0.1 and localhost.</summary>
    public static Task<(string Cert, string Key)> MakeServerCertificateAsync(TempDirectory directory) =>
        MakeCertificateAsync(directory, "server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost");

    /// <summary><c>openssl pkcs12 -export</c>: the certificate and key in a PFX file protected by <paramref name="password"/>.</summary>
    public static async Task<string> MakePfxAsync(TempDirectory directory, string cert, string key, string password)
    {
        string pfx = directory.File(Path.GetFileNameWithoutExtension(cert) + ".pfx");
        await RunAsync("pkcs12", "-export", "-in", cert, "-inkey", key, "-out", pfx, "-passout", "pass:" + password);
        return pfx;
    }

    /// <summary>
    /// Starts <c>openssl s_server -quiet -naccept 1</c> on a loopback port that was free a moment ago (retrying if
    /// someone took it meanwhile) and waits until it listens. s_server prints nothing when ready with -quiet, and a
    /// probe connection would use up its one connection, so the kernel's socket table (/proc/net/tcp) tells.
    /// </summary>
    public static async Task<(PeerProcess Process, int Port)> StartServerAsync(string cert, string key, params IEnumerable<string> extra)
    {
        string openssl = Tools.OpenSsl;
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "no /proc/net/tcp to see when openssl s_server listens (Linux only)");
        for (int attempt = 1; ; attempt++)
        {
            int port = NetTools.FreeLoopbackPort();
            PeerProcess server = PeerProcess.Start(openssl,
                ["s_server", "-accept", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-cert", cert, "-key", key, "-quiet", "-naccept", "1", .. extra]);
            if (await WaitUntilListeningAsync(port, server))
            {
                return (server, port);
            }

            string failure = server.Describe();
            await server.DisposeAsync();
            Assert.True(attempt < 5, "openssl s_server could not listen: " + failure);
        }
    }

    /// <summary><c>openssl s_client -connect 127.0.0.1:PORT -quiet</c> plus <paramref name="extra"/>.</summary>
    public static PeerProcess StartClient(int port, params IEnumerable<string> extra) =>
        PeerProcess.Start(Tools.OpenSsl, ["s_client", "-connect", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-quiet", .. extra]);

    /// <summary><c>openssl x509 -noout -fingerprint -sha256</c>: the certificate's SHA-256 fingerprint as openssl prints it (AB:CD:...).</summary>
    public static async Task<string> Sha256FingerprintAsync(string cert)
    {
        string output = await RunAsync("x509", "-noout", "-fingerprint", "-sha256", "-in", cert);
        return output.Trim()[(output.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static async Task<string> RunAsync(params string[] arguments)
    {
        await using PeerProcess process = PeerProcess.Start(Tools.OpenSsl, arguments);
        await process.WriteInputAndCloseAsync(ReadOnlyMemory<byte>.Empty, Tools.Timeout);
        Assert.True(await process.WaitForExitAsync(Tools.Timeout) == 0, process.Describe());
        return System.Text.Encoding.ASCII.GetString(process.StandardOutputBytes);
    }

    private static async Task<bool> WaitUntilListeningAsync(int port, PeerProcess process)
    {
        string local = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Tools.Timeout)
        {
            foreach (string line in await File.ReadAllLinesAsync("/proc/net/tcp", Tools.Token))
            {
                string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[1] == local && fields[3] == "0A")
                {
                    return true;
                }
            }

            if (process.HasExited)
            {
                return false;
            }

            await Task.Delay(s_pollInterval, Tools.Token); // the kernel's table has no event to wait on
        }

        throw new TimeoutException($"openssl s_server did not listen on port {port} within {Tools.Timeout.TotalSeconds:0} s: {process.Describe()}");
    }
}
