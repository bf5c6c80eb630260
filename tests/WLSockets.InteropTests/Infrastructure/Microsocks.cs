using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>microsocks (a real SOCKS5 proxy) on 127.0.0.1 and a free port; skips the test when it is not installed.</summary>
internal sealed class Microsocks : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private Microsocks(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Describe() => _process.Describe();

    public static async Task<Microsocks> StartAsync(string? user = null, string? password = null)
    {
        string path = Tools.Require("microsocks", "microsocks");
        for (int attempt = 1; ; attempt++)
        {
            int port = NetTools.FreeLoopbackPort();
            List<string> arguments = ["-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
            if (user is not null)
            {
                arguments.AddRange(["-u", user, "-P", password ?? ""]);
            }

            PeerProcess process = PeerProcess.Start(path, arguments);
            if (await WaitUntilListeningAsync(port, process))
            {
                return new Microsocks(process, port);
            }

            string transcript = process.Describe();
            await process.DisposeAsync();
            Assert.True(attempt < 3, "microsocks did not start: " + transcript);
        }
    }

    /// <summary>Polls with connects (bounded by <see cref="Tools.Timeout"/>); false when the process ended first.</summary>
    private static async Task<bool> WaitUntilListeningAsync(int port, PeerProcess process)
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

            await Task.Delay(20, Tools.Token); // no event says when it listens
        }

        Assert.Fail($"microsocks did not listen within {Tools.Timeout.TotalSeconds:0} s: {process.Describe()}");
        return false;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
