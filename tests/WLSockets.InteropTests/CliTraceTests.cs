using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WLSockets.InteropTests.Infrastructure;

namespace WLSockets.InteropTests;

/// <summary><c>wlsock trace</c> as a process: relayed bytes, decoded messages, and a pcap file that tshark reads back.</summary>
public class CliTraceTests
{
    [Fact(Timeout = 120_000)]
    public async Task The_pcap_file_read_back_by_tshark_gives_the_exact_bytes_of_each_direction_of_each_connection()
    {
        string tshark = Tools.Tshark;
        using var directory = new TempDirectory();
        string pcap = directory.File("trace.pcap");
        using Socket target = ListenOnLoopback();
        (PeerProcess relay, int port) = await Wlsock.TraceAsync(((IPEndPoint)target.LocalEndPoint!).Port, "--format", "jsonl", "--pcap", pcap);
        await using PeerProcess _ = relay;

        var sent = new List<(byte[] Up, byte[] Down)>();
        for (int connection = 0; connection < 2; connection++)
        {
            var random = new Random(40 + connection);
            byte[] up = new byte[random.Next(30_000, 120_000)];
            byte[] down = new byte[random.Next(30_000, 120_000)];
            random.NextBytes(up);
            random.NextBytes(down);
            sent.Add((up, down));
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Tools.Token);
            using Socket server = await target.AcceptAsync(Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
            Task<byte[]> atServer = ReadToEndAsync(server);
            Task<byte[]> atClient = ReadToEndAsync(client);
            await SendInPiecesAsync(client, up, random);
            client.Shutdown(SocketShutdown.Send);
            await SendInPiecesAsync(server, down, random);
            server.Shutdown(SocketShutdown.Send);
            Assert.Equal(up, await atServer.WaitAsync(Tools.Timeout, Tools.Token));
            Assert.Equal(down, await atClient.WaitAsync(Tools.Timeout, Tools.Token));
            int id = connection + 1;
            await relay.WaitForOutputLineAsync(l => l.Contains($"\"conn\":{id},\"event\":\"close\"", StringComparison.Ordinal), Tools.Timeout, $"the close event of connection #{id}");
        }

        for (int stream = 0; stream < 2; stream++)
        {
            PeerProcess follow = PeerProcess.Start(tshark, ["-r", pcap, "-q", "-z", $"follow,tcp,raw,{stream}"]);
            await using PeerProcess __ = follow;
            Assert.True(await follow.WaitForExitAsync(Tools.Timeout) == 0, follow.Describe());
            (byte[] fromNode0, byte[] fromNode1) = ParseFollowRaw(follow.StandardOutputLines);
            Assert.True(sent[stream].Up.AsSpan().SequenceEqual(fromNode0), $"tshark stream {stream}: client -> server differs ({fromNode0.Length} bytes read back, {sent[stream].Up.Length} sent)");
            Assert.True(sent[stream].Down.AsSpan().SequenceEqual(fromNode1), $"tshark stream {stream}: server -> client differs ({fromNode1.Length} bytes read back, {sent[stream].Down.Length} sent)");
        }

        // The synthesized headers carry valid IP and TCP checksums.
        PeerProcess checksums = PeerProcess.Start(tshark, ["-r", pcap, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE", "-T", "fields", "-e", "tcp.checksum.status", "-e", "ip.checksum.status"]);
        await using PeerProcess ___ = checksums;
        Assert.Equal(0, await checksums.WaitForExitAsync(Tools.Timeout));
        Assert.NotEmpty(checksums.StandardOutputLines);
        Assert.All(checksums.StandardOutputLines.Where(l => l.Length > 0), line => Assert.Equal("1\t1", line)); // 1 = good
    }

    [Fact(Timeout = 60_000)]
    public async Task Decode_length_shows_each_WinDev_message_and_a_warning_when_the_framing_breaks()
    {
        using Socket target = ListenOnLoopback();
        (PeerProcess relay, int port) = await Wlsock.TraceAsync(((IPEndPoint)target.LocalEndPoint!).Port, "--format", "jsonl", "--decode", "length");
        await using PeerProcess _ = relay;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Tools.Token);
        using Socket server = await target.AcceptAsync(Tools.Token).AsTask().WaitAsync(Tools.Timeout, Tools.Token);
        await client.SendAsync("9\r\nHelloWord3\r\nabcX"u8.ToArray(), SocketFlags.None, Tools.Token);
        await server.SendAsync("nonsense"u8.ToArray(), SocketFlags.None, Tools.Token);
        client.Shutdown(SocketShutdown.Send);
        server.Shutdown(SocketShutdown.Send);
        await relay.WaitForOutputLineAsync(l => l.Contains("\"event\":\"close\"", StringComparison.Ordinal), Tools.Timeout, "the close event");

        List<JsonElement> events = [.. relay.StandardOutputLines.Select(l => JsonDocument.Parse(l).RootElement)];
        string[] messages = [.. events.Where(e => e.GetProperty("event").GetString() == "message").Select(e => System.Text.Encoding.ASCII.GetString(e.GetProperty("data").GetBytesFromBase64()))];
        Assert.Equal(["HelloWord", "abc"], messages);
        JsonElement[] warnings = [.. events.Where(e => e.GetProperty("event").GetString() == "warning")];
        Assert.Contains(warnings, w => w.GetProperty("dir").GetString() == "s2c" && w.GetProperty("data").GetBytesFromBase64().AsSpan().SequenceEqual("nonsense"u8));
        Assert.Contains(warnings, w => w.GetProperty("dir").GetString() == "c2s" && w.GetProperty("data").GetBytesFromBase64().AsSpan().SequenceEqual("X"u8));
        Assert.Equal(["open", "close"], events.Select(e => e.GetProperty("event").GetString()).Where(k => k is "open" or "close"));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_bad_target_is_a_usage_error()
    {
        PeerProcess run = await Wlsock.RunAsync(["trace", "--listen", "0", "--target", "localhost"]);
        await using PeerProcess _ = run;
        Assert.Equal(2, await run.WaitForExitAsync(Tools.Timeout));
        Assert.Contains("--target", run.StandardError, StringComparison.Ordinal);
    }

    private static Socket ListenOnLoopback()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        return socket;
    }

    private static async Task SendInPiecesAsync(Socket socket, byte[] data, Random random)
    {
        for (int offset = 0; offset < data.Length;)
        {
            int size = Math.Min(data.Length - offset, random.Next(1, 20_000));
            offset += await socket.SendAsync(data.AsMemory(offset, size), SocketFlags.None, Tools.Token);
        }
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var collected = new MemoryStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, Tools.Token)) > 0)
        {
            collected.Write(buffer, 0, n);
        }

        return collected.ToArray();
    }

    /// <summary>
    /// <c>follow,tcp,raw</c> prints each segment's bytes as hex on one line: node 0 (the side of the first packet, the
    /// client) without indentation, node 1 indented by a tab.
    /// </summary>
    private static (byte[] FromNode0, byte[] FromNode1) ParseFollowRaw(IReadOnlyList<string> lines)
    {
        using var node0 = new MemoryStream();
        using var node1 = new MemoryStream();
        int start = lines.ToList().FindIndex(l => l.StartsWith("Node 1:", StringComparison.Ordinal));
        Assert.True(start >= 0, "tshark printed no 'Node 1:' line: " + string.Join('\n', lines));
        foreach (string line in lines.Skip(start + 1))
        {
            if (line.StartsWith('='))
            {
                break;
            }

            byte[] bytes = Convert.FromHexString(line.Trim());
            (line.StartsWith('\t') ? node1 : node0).Write(bytes);
        }

        return (node0.ToArray(), node1.ToArray());
    }
}
