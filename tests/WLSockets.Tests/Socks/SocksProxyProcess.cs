using System.Diagnostics;
using System.Globalization;
using WLSockets.Tests.Udp.Peers;

namespace WLSockets.Tests.Socks;

/// <summary>
/// A real SOCKS5 proxy no one here wrote, started by a test on loopback: <c>microsocks</c> (Debian package
/// <c>microsocks</c>) or Dante's <c>danted</c> (package <c>dante-server</c>). Its outgoing connections leave from
/// <see cref="OutgoingAddress"/>, so a destination can tell them from direct ones. Disposing kills it (and its children).
/// </summary>
internal sealed class SocksProxyProcess : IDisposable
{
    /// <summary>The address the proxies connect from (microsocks <c>-b</c>; Dante: <c>external</c>).</summary>
    public const string OutgoingAddress = "127.0.0.77";

    private readonly PeerProcess _process;
    private readonly string? _directory;

    private SocksProxyProcess(PeerProcess process, int port, string? directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string Transcript => _process.Transcript;

    /// <summary>microsocks on a free loopback port, with user/password when given; skips the test when it is not installed.</summary>
    public static Task<SocksProxyProcess> StartMicrosocksAsync(string? user = null, string? password = null)
    {
        string path = Tools.Find("microsocks") ?? Skip("microsocks is not installed (apt-get install microsocks)");
        return StartAsync(port =>
        {
            List<string> arguments = ["-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-b", OutgoingAddress];
            if (user is not null)
            {
                arguments.AddRange(["-u", user, "-P", password ?? ""]);
            }

            return (PeerProcess.Start(path, arguments), null);
        });
    }

    /// <summary>Dante without authentication, connecting out from <see cref="OutgoingAddress"/>; skips when it cannot run here.</summary>
    public static Task<SocksProxyProcess> StartDanteAsync()
    {
        string path = Tools.Find("danted") ?? (File.Exists("/usr/sbin/danted") ? "/usr/sbin/danted" : Skip("danted is not installed (apt-get install dante-server)"));
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Skip("danted runs only as root here (it switches users)");
        }

        return StartAsync(port =>
        {
            string directory = Path.Combine(Path.GetTempPath(), "wlsockets-dante-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            string config = Path.Combine(directory, "danted.conf");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
                logoutput: stderr
                internal: 127.0.0.1 port = {{port}}
                external: {{OutgoingAddress}}
                socksmethod: none
                clientmethod: none
                user.privileged: root
                user.unprivileged: nobody
                client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 command: connect }

                """));
            return (PeerProcess.Start(path, ["-f", config, "-p", Path.Combine(directory, "danted.pid"), "-N", "1"]), directory);
        });
    }

    private static async Task<SocksProxyProcess> StartAsync(Func<int, (PeerProcess Process, string? Directory)> start)
    {
        Assert.SkipUnless(File.Exists("/proc/net/tcp"), "no /proc/net/tcp to see when the proxy listens");
        for (int attempt = 0; ; attempt++)
        {
            int port = Tls.OpenSsl.ListeningPorts.FreePort();
            (PeerProcess process, string? directory) = start(port);
            var proxy = new SocksProxyProcess(process, port, directory);
            if (await WaitUntilListeningAsync(port, process))
            {
                return proxy;
            }

            string transcript = proxy.Transcript;
            proxy.Dispose();
            if (attempt == 3)
            {
                Assert.Fail($"the SOCKS5 proxy did not start: {transcript}");
            }
        }
    }

    /// <summary>Polls the kernel's socket table until the port listens (false when the process ended first, e.g. the port was taken).</summary>
    private static async Task<bool> WaitUntilListeningAsync(int port, PeerProcess process)
    {
        string local = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture);
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < Loopback.Deadline)
        {
            foreach (string line in await File.ReadAllLinesAsync("/proc/net/tcp", Loopback.Ct))
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

            await Task.Delay(TimeSpan.FromMilliseconds(10), Loopback.Ct); // polling the kernel's table: there is no event to wait on
        }

        return false;
    }

    public void Dispose()
    {
        _process.Dispose();
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A child may still hold a file for a moment; the temporary directory is left behind.
            }
        }
    }

    private static string Skip(string reason)
    {
        Assert.Skip(reason);
        return "";
    }
}
