using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WLSockets.Tests.Tls.OpenSsl;

/// <summary>
/// Knows when a program we started listens on a port, without connecting to it (which would use up the one
/// connection an <c>s_server -naccept 1</c> serves): it reads the kernel's socket table, <c>/proc/net/tcp</c>.
/// </summary>
internal static class ListeningPorts
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(10);

    public static bool CanObserve => File.Exists("/proc/net/tcp");

    /// <summary>A loopback port free a moment ago (bind port 0, read it, release it).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Polls the socket table until 127.0.0.1:<paramref name="port"/> is in LISTEN state; false when
    /// <paramref name="process"/> ended first (typically: the port was taken meanwhile). Bounded by <see cref="Loopback.Deadline"/>.
    /// </summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, OpenSslProcess process)
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

            await Task.Delay(s_pollInterval, Loopback.Ct); // polling the kernel's table: there is no event to wait on
        }

        Assert.Fail($"openssl did not listen on port {port} within {Loopback.Deadline}. {process.Describe()}");
        return false;
    }
}
