using System.Globalization;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// One of the Python peers in peers/: wd_server.py, wd_client.py, raw_echo.py or udp_peer.py. They speak the spec's bytes with
/// the standard library only, print "PORT n" when listening, "MSG hex" per decoded message and "BYTES hex" (all
/// bytes received) when the connection ends.
/// </summary>
internal sealed class PythonPeer : IAsyncDisposable
{
    private PythonPeer(PeerProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public PeerProcess Process { get; }

    /// <summary>The port a server peer listens on (0 for a client).</summary>
    public int Port { get; }

    /// <summary>Starts wd_server.py with the framing of <paramref name="mode"/> and waits for its port.</summary>
    public static Task<PythonPeer> StartServerAsync(ModeCase mode, params IEnumerable<string> arguments) =>
        StartListeningAsync("wd_server.py", [.. mode.PeerArguments(), .. arguments]);

    /// <summary>Starts raw_echo.py and waits for its port.</summary>
    public static Task<PythonPeer> StartEchoAsync() => StartListeningAsync("raw_echo.py", []);

    /// <summary>Starts wd_client.py connecting to <paramref name="port"/> and sending <paramref name="payloads"/>.</summary>
    public static PythonPeer StartClient(ModeCase mode, int port, IEnumerable<byte[]> payloads, string split = "whole", params IEnumerable<string> arguments)
    {
        List<string> args = [.. mode.PeerArguments(), "--port", port.ToString(CultureInfo.InvariantCulture), "--split", split];
        foreach (byte[] payload in payloads)
        {
            args.Add("--send");
            args.Add(Wire.Hex(payload));
        }

        args.AddRange(arguments);
        return new PythonPeer(Run("wd_client.py", args), 0);
    }

    /// <summary>Starts <c>udp_peer.py listen</c> (127.0.0.1, a free port) for <paramref name="count"/> datagrams and waits for its port.</summary>
    public static Task<PythonPeer> StartUdpListenerAsync(int count, bool echo = false) =>
        StartListeningAsync("udp_peer.py", ["listen", "--count", count.ToString(CultureInfo.InvariantCulture), .. echo ? new[] { "--echo" } : []]);

    /// <summary>Starts <c>udp_peer.py send</c>: each payload one datagram to 127.0.0.1:<paramref name="port"/>, from one socket.</summary>
    public static PythonPeer StartUdpSender(int port, IEnumerable<byte[]> payloads, bool replies = false) =>
        new(Run("udp_peer.py", ["send", "--port", port.ToString(CultureInfo.InvariantCulture), .. replies ? new[] { "--replies" } : [], .. payloads.Select(p => Wire.Hex(p))]), 0);

    /// <summary>The lines of udp_peer.py that start with <paramref name="tag"/> (DGRAM, REPLY): the sender and the payload in hex.</summary>
    public IReadOnlyList<(string Sender, string Hex)> Datagrams(string tag) =>
        [.. Process.StandardOutputLines
            .Where(l => l.StartsWith(tag + " ", StringComparison.Ordinal))
            .Select(l => l[(tag.Length + 1)..].Split(' ', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))];

    /// <summary>Arguments that make wd_server.py reply <paramref name="payloads"/>.</summary>
    public static IEnumerable<string> ReplyArguments(IEnumerable<byte[]> payloads) =>
        payloads.SelectMany(p => new[] { "--reply", Wire.Hex(p) });

    /// <summary>The "MSG" lines so far: the messages the peer decoded, in hex.</summary>
    public IReadOnlyList<string> Messages =>
        [.. Process.StandardOutputLines.Where(l => l.StartsWith("MSG ", StringComparison.Ordinal)).Select(l => l[4..])];

    /// <summary>Waits for the peer to end (exit code 0) and returns every byte it received, in hex.</summary>
    public async Task<string> ReceivedHexAsync(TimeSpan? timeout = null)
    {
        int exit = await Process.WaitForExitAsync(timeout ?? Tools.Timeout);
        Assert.True(exit == 0, "The Python peer failed: " + Process.Describe());
        string? line = Process.StandardOutputLines.LastOrDefault(l => l.StartsWith("BYTES ", StringComparison.Ordinal));
        Assert.True(line is not null, "The Python peer printed no BYTES line: " + Process.Describe());
        return line[6..];
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static async Task<PythonPeer> StartListeningAsync(string script, IEnumerable<string> arguments)
    {
        PeerProcess process = Run(script, arguments);
        try
        {
            string line = await process.WaitForOutputLineAsync(l => l.StartsWith("PORT ", StringComparison.Ordinal), Tools.Timeout, "the PORT line");
            return new PythonPeer(process, int.Parse(line.AsSpan(5), CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static PeerProcess Run(string script, IEnumerable<string> arguments)
    {
        string python = Tools.Python;
        string directory = Tools.PeersDirectory;
        return PeerProcess.Start(python, ["-B", Path.Combine(directory, script), .. arguments], directory);
    }
}
