using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WLSockets.Tests.Fax;

/// <summary>
/// An in-process HylaFAX server on 127.0.0.1:0 that replays the replies captured from the real hfaxd 6.0.7 (Debian 12,
/// <c>socat -v</c> between sendfax and hfaxd), with switches to misbehave. Every connection gets the same script.
/// </summary>
internal sealed class ScriptedFaxServer : IAsyncDisposable
{
    public const string Greeting = "220 vm server (HylaFAX (tm) Version 6.0.7) ready.\r\n";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private ScriptedFaxServer(Func<string, Connection, Task<bool>>? overrides)
    {
        Overrides = overrides;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Handles a command before the recorded script; true = handled.</summary>
    public Func<string, Connection, Task<bool>>? Overrides { get; }

    /// <summary>Greeting sent on connect (null = stay silent).</summary>
    public string? GreetingText { get; init; } = Greeting;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every command line received, all connections together, in order.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>The bytes of each upload received.</summary>
    public ConcurrentQueue<byte[]> Uploads { get; } = new();

    /// <summary>The data of <c>LIST sendq</c>: a line captured from hfaxd with the client's JOBFMT.</summary>
    public string SendQueueListing { get; set; } = "2\tW\t5551234\t0\t2\t0\t3\troot\tfacture 12\t\r\n19\tB\t5556666\t0\t0\t0\t3\troot\t\tBlocked by concurrent calls\r\n";

    public static ScriptedFaxServer Start(Func<string, Connection, Task<bool>>? overrides = null) => new(overrides);

    private async Task AcceptLoopAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                sessions.Add(Task.Run(() => ServeAsync(new Connection(socket, this))));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(sessions);
    }

    private async Task ServeAsync(Connection connection)
    {
        using (connection)
        {
            try
            {
                if (GreetingText is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                await connection.SendAsync(GreetingText!);
                while (await connection.ReadLineAsync(_stop.Token) is { } line)
                {
                    Commands.Enqueue(line);
                    if (Overrides is not null && await Overrides(line, connection))
                    {
                        continue;
                    }

                    if (!await RecordedAsync(line, connection))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the test ended.
            }
        }
    }

    /// <summary>The replies hfaxd gave to these commands in the captured session.</summary>
    private async Task<bool> RecordedAsync(string line, Connection c)
    {
        string verb = line.Split(' ')[0].ToUpperInvariant();
        switch (verb)
        {
            case "USER": await c.SendAsync($"230 User {line[5..]} logged in.\r\n"); break;
            case "TYPE": await c.SendAsync("200 Type set to Image.\r\n"); break;
            case "MODE": await c.SendAsync("200 Mode set to Stream.\r\n"); break;
            case "STRU": await c.SendAsync("200 Structure set to File.\r\n"); break;
            case "JOBFMT": await c.SendAsync("200 JOBFMT command successful.\r\n"); break;
            case "FORM": await c.SendAsync($"200 Format set to {line[5..]}.\r\n"); break;
            case "PASV": await c.OpenPassiveAsync(); break;
            case "STOT":
                await c.SendAsync("150 FILE: /tmp/doc2.ps (Opening new data connection).\r\n");
                Uploads.Enqueue(await c.ReceiveDataAsync(_stop.Token));
                await c.SendAsync("226 Transfer complete (FILE: /tmp/doc2.ps).\r\n");
                break;
            case "LIST":
                await c.SendAsync("150 Opening new data connection for \"sendq\".\r\n");
                await c.SendDataAsync(Encoding.UTF8.GetBytes(SendQueueListing), _stop.Token);
                await c.SendAsync("226 Transfer complete.\r\n");
                break;
            case "JNEW": await c.SendAsync("200 New job created: jobid: 2 groupid: 2.\r\n"); break;
            case "JPARM" when line.StartsWith("JPARM DOCUMENT", StringComparison.Ordinal): await c.SendAsync("200 Added document /tmp/doc2.ps as docq/doc2.ps.2.\r\n"); break;
            case "JPARM": await c.SendAsync($"213 {line.Split(' ', 3)[1]} set to {line.Split(' ', 3)[2]}.\r\n"); break;
            case "JSUBM": await c.SendAsync("200 Job 2 submitted.\r\n"); break;
            case "JOB": await c.SendAsync($"200 Current job: jobid: {line[4..]} groupid: {line[4..]}.\r\n"); break;
            case "JKILL": await c.SendAsync("200 Job 2 killed.\r\n"); break;
            case "QUIT": await c.SendAsync("221 Goodbye.\r\n"); return false;
            default: await c.SendAsync($"500 {verb}: Command not recognized.\r\n"); break;
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>One client connection of the fake: its control socket and its current passive listener.</summary>
    internal sealed class Connection(Socket socket, ScriptedFaxServer server) : IDisposable
    {
        private readonly NetworkStream _stream = new(socket, ownsSocket: true);
        private readonly List<byte> _line = [];
        private TcpListener? _passive;

        public ScriptedFaxServer Server { get; } = server;

        public Socket Control => socket;

        public Task SendAsync(string text) => _stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var one = new byte[1];
            _line.Clear();
            while (await _stream.ReadAsync(one, ct) == 1)
            {
                if (one[0] == '\n')
                {
                    return Encoding.UTF8.GetString([.. _line]).TrimEnd('\r');
                }

                _line.Add(one[0]);
            }

            return null;
        }

        public async Task OpenPassiveAsync()
        {
            _passive?.Stop();
            _passive = new TcpListener(IPAddress.Loopback, 0);
            _passive.Start();
            int port = ((IPEndPoint)_passive.LocalEndpoint).Port;
            await SendAsync($"227 Entering passive mode (127,0,0,1,{port / 256},{port % 256})\r\n");
        }

        public async Task<Socket> AcceptDataAsync(CancellationToken ct)
        {
            Socket data = await _passive!.AcceptSocketAsync(ct);
            _passive.Stop();
            return data;
        }

        public async Task<byte[]> ReceiveDataAsync(CancellationToken ct)
        {
            using Socket data = await AcceptDataAsync(ct);
            using var received = new MemoryStream();
            var chunk = new byte[65536];
            int read;
            while ((read = await data.ReceiveAsync(chunk, SocketFlags.None, ct)) > 0)
            {
                received.Write(chunk, 0, read);
            }

            return received.ToArray();
        }

        public async Task SendDataAsync(byte[] bytes, CancellationToken ct)
        {
            using Socket data = await AcceptDataAsync(ct);
            await data.SendAsync(bytes, SocketFlags.None, ct);
            data.Shutdown(SocketShutdown.Send);
        }

        public void Dispose()
        {
            _passive?.Stop();
            _stream.Dispose();
        }
    }
}
