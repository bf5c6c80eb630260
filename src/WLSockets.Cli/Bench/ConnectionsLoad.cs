using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Bench;

/// <summary>
/// The connections scenario: a server in this process holds <c>N</c> idle connections opened by a child process
/// (<c>--connections-client</c>: the file-descriptor limit counts per process, and both ends in one process would need
/// 2N), from several 127.0.0.x source addresses so ephemeral ports never run short; then every connection is pinged.
/// Memory per connection = the larger growth of this process's resident set or managed heap / N.
/// </summary>
internal static class ConnectionsLoad
{
    private const int Sources = 16; // 127.0.0.2 ... 127.0.0.17
    private const int PingSize = 32;

    public static async Task<Sample> RunAsync(IBenchServer server, string framing, int count, CancellationToken cancellationToken)
    {
        (long rss0, long managed0) = Memory();
        using Process child = StartChild(server.EndPoint, framing, count);
        Task<string> errors = child.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            string? opened = await ReadLineAsync(child, TimeSpan.FromSeconds(120), cancellationToken);
            if (opened is null || !opened.StartsWith("OPEN ", StringComparison.Ordinal))
            {
                throw new CliFailureException($"the connections client failed: {opened} {await ErrorsOf(child, errors)}");
            }

            int open = int.Parse(opened[5..], CultureInfo.InvariantCulture);
            long deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
            while (server.OpenConnections < open && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }

            (long rss1, long managed1) = Memory();
            int held = server.OpenConnections;
            await child.StandardInput.WriteLineAsync("PING");
            await child.StandardInput.FlushAsync(cancellationToken);
            string? answered = await ReadLineAsync(child, TimeSpan.FromSeconds(120), cancellationToken);
            if (answered is null || !answered.StartsWith("ANSWERED ", StringComparison.Ordinal))
            {
                throw new CliFailureException($"the connections client failed while pinging: {answered} {await ErrorsOf(child, errors)}");
            }

            return new Sample
            {
                Seconds = 0,
                Connections = held,
                Answered = int.Parse(answered[9..], CultureInfo.InvariantCulture),
                // The larger of the two growths: the resident set may hide heap growth that reused committed memory.
                BytesPerConnection = held > 0 ? (double)Math.Max(rss1 - rss0, managed1 - managed0) / held : double.NaN,
                ManagedBytesPerConnection = held > 0 ? (managed1 - managed0) / held : 0,
                Note = open < count ? $"only {open} of {count} connections could be opened" : null,
            };
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ErrorsOf(Process child, Task<string> errors)
    {
        child.StandardInput.Close();
        return await errors.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<string?> ReadLineAsync(Process child, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        return await child.StandardOutput.ReadLineAsync(limit.Token);
    }

    /// <summary>Resident set and managed heap after a full, compacting collection.</summary>
    private static (long Rss, long Managed) Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        using Process self = Process.GetCurrentProcess();
        return (self.WorkingSet64, managed);
    }

    private static Process StartChild(IPEndPoint server, string framing, int count)
    {
        string path = Environment.ProcessPath ?? throw new CliFailureException("cannot find this program's path to start the connections client");
        var info = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            info.ArgumentList.Add(Environment.GetCommandLineArgs()[0]); // dotnet wlsock.dll
        }

        foreach (string arg in new[] { "bench", "--connections-client", $"{server.Address}:{server.Port}", "--connections", count.ToString(CultureInfo.InvariantCulture), "--framing", framing })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new CliFailureException("cannot start the connections client");
    }

    /// <summary>The child side: open, report, wait for PING, ping each, report, wait for the end of stdin.</summary>
    public static async Task<int> ClientAsync(IPEndPoint server, int count, string framing, CliConsole console, CancellationToken cancellationToken)
    {
        var sockets = new List<Socket>(count);
        try
        {
            string? failure = null;
            for (int i = 0; i < count; i += 200)
            {
                var batch = Enumerable.Range(i, Math.Min(200, count - i)).Select(n => OpenAsync(server, n, cancellationToken)).ToArray();
                foreach (Task<Socket> opening in batch)
                {
                    try
                    {
                        sockets.Add(await opening);
                    }
                    catch (SocketException ex)
                    {
                        failure ??= ex.Message;
                    }
                }

                if (failure is not null)
                {
                    console.WriteErrorLine($"connection {sockets.Count + 1} failed: {failure} (raise the open-files limit: ulimit -n)");
                    break;
                }
            }

            console.WriteLine($"OPEN {sockets.Count}");
            if (await Console.In.ReadLineAsync(cancellationToken) != "PING")
            {
                return ExitCodes.Failure;
            }

            byte[] frame = Frame(framing);
            int answered = 0;
            for (int i = 0; i < sockets.Count; i += 500)
            {
                bool[] results = await Task.WhenAll(sockets.Skip(i).Take(500).Select(s => PingAsync(s, frame, cancellationToken)));
                answered += results.Count(ok => ok);
            }

            console.WriteLine($"ANSWERED {answered}");
            await Console.In.ReadToEndAsync(cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static async Task<Socket> OpenAsync(IPEndPoint server, int index, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (IPAddress.IsLoopback(server.Address) && server.AddressFamily == AddressFamily.InterNetwork)
            {
                socket.Bind(new IPEndPoint(new IPAddress([127, 0, 0, (byte)(2 + (index % Sources))]), 0));
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(server, limit.Token);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static byte[] Frame(string framing)
    {
        byte[] payload = Load.Payload(PingSize);
        if (framing == BinaryFraming.Name)
        {
            byte[] frame = new byte[BinaryFraming.HeaderLength + PingSize];
            BinaryPrimitives.WriteInt32LittleEndian(frame, PingSize);
            payload.CopyTo(frame, BinaryFraming.HeaderLength);
            return frame;
        }

        return [.. Encoding.ASCII.GetBytes($"{PingSize}\r\n"), .. payload]; // WinDev length prefix
    }

    private static async Task<bool> PingAsync(Socket socket, byte[] frame, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await socket.SendAsync(frame, SocketFlags.None, limit.Token);
            byte[] echo = new byte[frame.Length];
            int received = 0;
            while (received < echo.Length)
            {
                int n = await socket.ReceiveAsync(echo.AsMemory(received), SocketFlags.None, limit.Token);
                if (n == 0)
                {
                    return false;
                }

                received += n;
            }

            return echo.AsSpan().SequenceEqual(frame);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
