using System.Globalization;
using WLSockets.Tests.Udp.Peers;

namespace WLSockets.Tests.WebSockets;

/// <summary>The Python <c>websockets</c> echo server (ws_echo_server.py), started by a test; skipped when the package is missing.</summary>
internal sealed class PythonWebSocketServer : IDisposable
{
    private static readonly Lazy<string?> s_python = new(FindPython);
    private readonly PeerProcess _process;

    private PythonWebSocketServer(PeerProcess process, int port)
    {
        _process = process;
        BaseUri = new Uri($"ws://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri BaseUri { get; }

    public string Transcript => _process.Transcript;

    public static async Task<PythonWebSocketServer> StartAsync()
    {
        string python = s_python.Value ?? Skip("the Python websockets package is not installed (apt-get install python3-websockets)");
        string script = Path.Combine(AppContext.BaseDirectory, "WebSockets", "ws_echo_server.py");
        PeerProcess process = PeerProcess.Start(python, ["-u", script]);
        try
        {
            string line = await process.StdoutLineAsync("PORT ");
            return new PythonWebSocketServer(process, int.Parse(line["PORT ".Length..], CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public Uri Uri(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public void Dispose()
    {
        _process.CloseInput();
        _process.Dispose();
    }

    /// <summary>The first python3 that imports websockets: Debian's own first (a version manager's python has its own packages).</summary>
    private static string? FindPython()
    {
        foreach (string? candidate in new[] { "/usr/bin/python3", Tools.Find("python3") })
        {
            if (candidate is not null && File.Exists(candidate) && Tools.Run(candidate, "-c", "import websockets").ExitCode == 0)
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Skip(string reason)
    {
        Assert.Skip(reason);
        return "";
    }
}
