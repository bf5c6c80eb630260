using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>Starts socat and ncat as listeners on 127.0.0.1 and learns their port.</summary>
internal static partial class NetTools
{
    private const int PortAttempts = 5;

    /// <summary>
    /// Starts socat with <paramref name="arguments"/> (one of them <c>TCP-LISTEN:0,bind=127.0.0.1...</c>) and
    /// <c>-d -d</c>, and reads the real port from its "listening on AF=2 127.0.0.1:PORT" notice.
    /// </summary>
    public static async Task<(PeerProcess Process, int Port)> StartSocatAsync(params IEnumerable<string> arguments)
    {
        PeerProcess socat = PeerProcess.Start(Tools.Socat, ["-d", "-d", .. arguments]);
        try
        {
            string line = await socat.WaitForErrorLineAsync(l => SocatListening().IsMatch(l), Tools.Timeout, "socat's \"listening on\" notice");
            return (socat, int.Parse(SocatListening().Match(line).Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            await socat.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <c>ncat -v -l 127.0.0.1 PORT</c> plus <paramref name="arguments"/> on a port that was free a moment
    /// ago (ncat cannot report a port 0 choice), retrying with another port if someone took it in between.
    /// </summary>
    public static async Task<(PeerProcess Process, int Port)> StartNcatListenerAsync(params IEnumerable<string> arguments)
    {
        string ncat = Tools.Ncat;
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeLoopbackPort();
            PeerProcess process = PeerProcess.Start(ncat, ["-v", "-l", .. arguments, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture)]);
            try
            {
                await process.WaitForErrorLineAsync(l => l.Contains("Listening on", StringComparison.Ordinal), Tools.Timeout, "ncat's \"Listening on\" notice");
                return (process, port);
            }
            catch (TimeoutException) when (attempt < PortAttempts && process.StandardError.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                await process.DisposeAsync(); // the port was taken between our probe and ncat's bind: try another
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Polls with connects until something listens on 127.0.0.1:<paramref name="port"/> (bounded by
    /// <see cref="Tools.Timeout"/>); false when <paramref name="process"/> ended first.
    /// </summary>
    public static async Task<bool> WaitUntilListeningAsync(int port, PeerProcess process, string what)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < Tools.Timeout)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Tools.Token);
                return true;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    return false;
                }
            }

            await Task.Delay(Tools.PollInterval, Tools.Token); // no event says when it listens
        }

        Assert.Fail($"{what} did not listen within {Tools.Timeout.TotalSeconds:0} s: {process.Describe()}");
        return false;
    }

    /// <summary>A port that nothing listens on at the moment (bind port 0, read it, release it).</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"listening on .*:(\d+)\s*$")]
    private static partial Regex SocatListening();
}
