using System.Globalization;

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
            if (await NetTools.WaitUntilListeningAsync(port, process, "microsocks"))
            {
                return new Microsocks(process, port);
            }

            string transcript = process.Describe();
            await process.DisposeAsync();
            Assert.True(attempt < 3, "microsocks did not start: " + transcript);
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
