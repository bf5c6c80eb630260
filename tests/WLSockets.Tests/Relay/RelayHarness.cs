using System.Net;
using System.Net.Sockets;
using WLSockets.Relay;

namespace WLSockets.Tests.Relay;

/// <summary>A target listener on loopback (port 0), a <see cref="TraceRelay"/> in front of it, and raw socket pairs through both.</summary>
internal sealed class RelayHarness : IAsyncDisposable
{
    private readonly Socket _target;
    private readonly List<Socket> _sockets = [];

    private RelayHarness(Socket target, TraceRelay relay, RecordingSink sink)
    {
        _target = target;
        Relay = relay;
        Sink = sink;
    }

    public TraceRelay Relay { get; }

    public RecordingSink Sink { get; }

    public IPEndPoint TargetEndPoint => (IPEndPoint)_target.LocalEndPoint!;

    public static RelayHarness Start(int bufferSize = 64 * 1024, bool wantsData = true)
    {
        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        target.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        target.Listen(512);
        var sink = new RecordingSink(wantsData);
        TraceRelay relay = TraceRelay.Start(new TraceRelayOptions
        {
            ListenAddress = "127.0.0.1",
            TargetHost = "127.0.0.1",
            TargetPort = ((IPEndPoint)target.LocalEndPoint!).Port,
            BufferSize = bufferSize,
            Sink = sink,
        });
        return new RelayHarness(target, relay, sink);
    }

    /// <summary>A client connected through the relay, and the target's side of the relayed connection.</summary>
    public async Task<(Socket Client, Socket Server)> ConnectAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Track(client);
        await client.ConnectAsync(Relay.LocalEndPoint, Loopback.Ct).AsTask().Within();
        Socket server = Track(await _target.AcceptAsync(Loopback.Ct).AsTask().Within());
        return (client, server);
    }

    /// <summary>Accepts one relayed connection at the target (for tests that connect many clients at once).</summary>
    public async Task<Socket> AcceptAsync() => Track(await _target.AcceptAsync(Loopback.Ct).AsTask().Within());

    public Socket Track(Socket socket)
    {
        lock (_sockets)
        {
            _sockets.Add(socket);
        }

        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await Relay.DisposeAsync();
        lock (_sockets)
        {
            foreach (Socket socket in _sockets)
            {
                socket.Dispose();
            }
        }

        _target.Dispose();
    }

    /// <summary>Reads until end of stream (or <paramref name="max"/> bytes, then fails).</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket, int max)
    {
        using var collected = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        while (true)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, Loopback.Ct).AsTask().Within();
            if (n == 0)
            {
                return collected.ToArray();
            }

            collected.Write(buffer, 0, n);
            Assert.True(collected.Length <= max, $"More than the {max} bytes expected arrived.");
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        byte[] data = new byte[count];
        int done = 0;
        while (done < count)
        {
            int n = await socket.ReceiveAsync(data.AsMemory(done), SocketFlags.None, Loopback.Ct).AsTask().Within();
            Assert.True(n > 0, $"End of stream after {done} of {count} bytes.");
            done += n;
        }

        return data;
    }

    /// <summary>Sends <paramref name="data"/> in random-sized writes (1 byte to 70 000).</summary>
    public static async Task SendSplitAsync(Socket socket, byte[] data, Random random)
    {
        int offset = 0;
        while (offset < data.Length)
        {
            int size = Math.Min(data.Length - offset, random.Next(4) == 0 ? random.Next(1, 16) : random.Next(1, 70_000));
            int sent = 0;
            while (sent < size)
            {
                sent += await socket.SendAsync(data.AsMemory(offset + sent, size - sent), SocketFlags.None, Loopback.Ct);
            }

            offset += size;
        }
    }
}
