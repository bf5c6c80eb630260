using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// A length-prefixed "HelloWord" through a real SOCKS5 proxy (<c>microsocks</c>, started on 127.0.0.1) to a local
/// <see cref="MessageListener"/>: a <see cref="WireTap"/> between client and proxy shows the SOCKS5 greeting, the
/// CONNECT request and then the WinDev frame, unchanged. Without microsocks the case says so and passes only that.
/// </summary>
internal sealed class Socks5Case : IDemoCase
{
    public string Name => "socks5";

    public string Title => "SOCKS5 proxy (microsocks): a length-prefixed \"HelloWord\" through it, the proxied bytes on the wire";

    public async Task RunAsync(DemoContext context)
    {
        string? microsocks = FindOnPath("microsocks");
        if (microsocks is null)
        {
            context.Say("socks5", "unavailable here: 'microsocks' is not on PATH (Debian/Ubuntu: apt-get install microsocks). Nothing else to check.");
            return;
        }

        MicrosocksProcess proxy = context.Track(await MicrosocksProcess.StartAsync(microsocks, context));
        context.Say("proxy", $"{microsocks} -i 127.0.0.1 -p {proxy.Port} (SOCKS5, no authentication)");

        MessageListener listener = context.StartServer(TransmissionMode.SizePrefixed);
        context.Say("server", $"MessageListener on {listener.LocalEndPoint} (length prefix)");

        // The tap sits between the client and the proxy: it sees the SOCKS5 negotiation and then the proxied frame.
        WireTap tap = context.Track(WireTap.Start(new IPEndPoint(IPAddress.Loopback, proxy.Port), context.CancellationToken));
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        var options = new MessageConnectionOptions
        {
            Mode = TransmissionMode.SizePrefixed,
            ConnectTimeout = context.Timeout,
            Proxy = new Socks5ProxyOptions("127.0.0.1", tap.EndPoint.Port),
        };
        MessageConnection client = context.Track(await context.WithinAsync(MessageConnection.ConnectAsync(
            listener.LocalEndPoint.Address.ToString(), listener.LocalEndPoint.Port, options, context.CancellationToken).AsTask(), "the connection through the proxy"));
        MessageConnection server = await accepted;
        context.Say("client", $"ConnectAsync({listener.LocalEndPoint}) with Proxy = {options.Proxy} (the wire tap in front of microsocks)");
        context.Say("server", $"accepted a connection from {server.RemoteEndPoint} (the proxy's side, not the client's {client.LocalEndPoint})");

        await context.WithinAsync(client.SendAsync("HelloWord", context.CancellationToken).AsTask(), "the send");
        context.Say("client", $"SendAsync({DemoContext.Quote("HelloWord", 9)})");
        string received = await context.WithinAsync(server.ReceiveStringAsync(context.Timeout, context.CancellationToken).AsTask(), "the message through the proxy");
        context.Say("server", $"received {DemoContext.Quote(received, 9)}");
        DemoContext.Expect(received == "HelloWord", $"the server received \"{received}\", not \"HelloWord\"");

        byte[] port = [(byte)(listener.LocalEndPoint.Port >> 8), (byte)listener.LocalEndPoint.Port];
        byte[] expected =
        [
            0x05, 0x01, 0x00,                               // greeting: SOCKS5, 1 method, "no authentication"
            0x05, 0x01, 0x00, 0x01, 0x7F, 0x00, 0x00, 0x01, // CONNECT, IPv4 127.0.0.1
            .. port,                                        // destination port, big-endian
            0x39, 0x0D, 0x0A, 0x48, 0x65, 0x6C, 0x6C, 0x6F, 0x57, 0x6F, 0x72, 0x64, // "9" CR LF "HelloWord"
        ];
        byte[] wire = tap.ClientBytes;
        context.ShowWire(wire, "client -> proxy: greeting 05 01 00, CONNECT 127.0.0.1:" + listener.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture) + ", then the WinDev frame");
        context.ShowWire(tap.ServerBytes, "proxy -> client: method 05 00 (no authentication), CONNECT reply 05 00 ... (succeeded)");
        DemoContext.ExpectBytes(expected, wire, "client bytes to the proxy");
        context.Say("check", "after the SOCKS5 negotiation the length-prefixed frame goes through the proxy byte for byte");
    }

    private static string? FindOnPath(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>microsocks on 127.0.0.1 and a free port; disposing kills it (bounded wait).</summary>
    private sealed class MicrosocksProcess : IDisposable
    {
        private readonly Process _process;

        private MicrosocksProcess(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static async Task<MicrosocksProcess> StartAsync(string path, DemoContext context)
        {
            for (int attempt = 1; ; attempt++)
            {
                int port = FreePort();
                var start = new ProcessStartInfo(path)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                };
                foreach (string argument in (string[])["-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
                {
                    start.ArgumentList.Add(argument);
                }

                Process process = Process.Start(start) ?? throw new DemoFailedException($"could not start {path}");
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                var proxy = new MicrosocksProcess(process, port);
                if (await context.WithinAsync(WaitUntilListeningAsync(port, process, context), "microsocks to listen"))
                {
                    return proxy;
                }

                proxy.Dispose();
                DemoContext.Expect(attempt < 3, $"microsocks did not start listening on 127.0.0.1 (3 attempts, exit code {process.ExitCode})");
            }
        }

        /// <summary>True once a connection to the port succeeds; false when the process ended (the port was taken).</summary>
        private static async Task<bool> WaitUntilListeningAsync(int port, Process process, DemoContext context)
        {
            while (true)
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), context.CancellationToken);
                    return true;
                }
                catch (SocketException)
                {
                    if (process.HasExited)
                    {
                        return false;
                    }
                }

                await Task.Delay(20, context.CancellationToken); // no event tells when it listens: poll, bounded by WithinAsync
            }
        }

        private static int FreePort()
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                _process.WaitForExit(2000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }
    }
}
