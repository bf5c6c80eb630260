using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace WLSockets.Cli.Bench;

/// <summary>
/// Baseline: plain <see cref="System.Net.Sockets"/> on both sides with <see cref="BinaryFraming"/>; the server echoes
/// every complete frame of one receive with one send. Its client is also the client of the Kestrel and DotNetty
/// baselines.
/// </summary>
internal sealed class RawSocketsSystem : BinaryFramedSystem
{
    public override string Name => "raw-sockets";

    public override Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4096);
        return Task.FromResult<IBenchServer>(new Server(listener, role));
    }

    private sealed class Server : AcceptingServer<Socket>
    {
        private readonly Socket _listener;

        public Server(Socket listener, ServerRole role)
            : base(role)
        {
            _listener = listener;
            EndPoint = (IPEndPoint)listener.LocalEndPoint!;
            StartAccepting();
        }

        public override IPEndPoint EndPoint { get; }

        protected override async ValueTask<Socket> AcceptAsync(CancellationToken cancellationToken)
        {
            Socket socket = await _listener.AcceptAsync(cancellationToken);
            socket.NoDelay = true;
            return socket;
        }

        protected override async Task ServeAsync(Socket socket)
        {
            byte[] buffer = [];
            int filled = 0;
            try
            {
                // Wait for data before taking a buffer, so an idle connection holds none (as Kestrel does).
                while (await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, Stopping.Token) >= 0)
                {
                    if (buffer.Length == 0)
                    {
                        buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
                    }

                    int n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, Stopping.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                    int complete = BinaryFraming.CompleteFrames(buffer.AsSpan(0, filled), out int frames, out int next);
                    if (complete < 0)
                    {
                        return; // not our framing: drop the connection
                    }

                    Counters.Received(complete - (frames * BinaryFraming.HeaderLength));
                    if (Role == ServerRole.Echo && complete > 0)
                    {
                        await SendAllAsync(socket, buffer.AsMemory(0, complete), Stopping.Token);
                    }

                    buffer.AsSpan(complete, filled - complete).CopyTo(buffer);
                    filled -= complete;
                    if (next > buffer.Length)
                    {
                        byte[] bigger = ArrayPool<byte>.Shared.Rent(next);
                        buffer.AsSpan(0, filled).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    else if (filled == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = [];
                    }
                }
            }
            finally
            {
                if (buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        protected override void Close(Socket connection) => connection.Dispose();

        protected override void StopListening() => _listener.Dispose();

        protected override bool IsExpected(Exception exception) => exception is SocketException;
    }

    internal static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int n = await socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[n..];
        }
    }
}
