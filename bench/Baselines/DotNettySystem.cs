using System.Net;
using System.Net.Sockets;
using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using WLSockets.Cli.Bench;

namespace WLSockets.Bench.Baselines;

/// <summary>
/// Baseline: a DotNetty 0.7.6 server, <see cref="LengthFieldBasedFrameDecoder"/> + <see cref="LengthFieldPrepender"/>
/// with the same 4-byte little-endian length as the other baselines; echoes each frame and flushes once per read
/// batch. The client is the plain-socket <see cref="RawClient"/>.
/// </summary>
internal sealed class DotNettySystem : BinaryFramedSystem
{
    public override string Name => "dotnetty";

    public override async Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken)
    {
        var counters = new ServerCounters();
        var boss = new MultithreadEventLoopGroup(1);
        var workers = new MultithreadEventLoopGroup(Environment.ProcessorCount);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .Group(boss, workers)
            .ChannelFactory(() => new TcpServerSocketChannel(AddressFamily.InterNetwork)) // IPv4: the machine may have no IPv6
            .Option(ChannelOption.SoBacklog, 4096)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildHandler(new ActionChannelInitializer<ISocketChannel>(channel =>
            {
                channel.Pipeline.AddLast(new LengthFieldBasedFrameDecoder(ByteOrder.LittleEndian, BinaryFraming.MaxPayload + BinaryFraming.HeaderLength, 0, BinaryFraming.HeaderLength, 0, BinaryFraming.HeaderLength, true));
                channel.Pipeline.AddLast(new LengthFieldPrepender(ByteOrder.LittleEndian, BinaryFraming.HeaderLength, 0, false));
                channel.Pipeline.AddLast(new EchoHandler(role, counters));
            }));
        IChannel bound = await bootstrap.BindAsync(new IPEndPoint(IPAddress.Loopback, 0)).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return new Server(bound, boss, workers, counters);
    }

    private sealed class EchoHandler(ServerRole role, ServerCounters counters) : ChannelHandlerAdapter
    {
        public override void ChannelActive(IChannelHandlerContext context)
        {
            counters.Opened();
            base.ChannelActive(context);
        }

        public override void ChannelInactive(IChannelHandlerContext context)
        {
            counters.Closed();
            base.ChannelInactive(context);
        }

        public override void ChannelRead(IChannelHandlerContext context, object message)
        {
            var frame = (IByteBuffer)message;
            counters.Received(frame.ReadableBytes);
            if (role == ServerRole.Echo)
            {
                _ = context.WriteAsync(frame);
            }
            else
            {
                frame.Release();
            }
        }

        public override void ChannelReadComplete(IChannelHandlerContext context) => context.Flush();

        public override void ExceptionCaught(IChannelHandlerContext context, Exception exception) => context.CloseAsync();

        public override bool IsSharable => true;
    }

    private sealed class Server(IChannel channel, IEventLoopGroup boss, IEventLoopGroup workers, ServerCounters counters) : IBenchServer
    {
        public IPEndPoint EndPoint => (IPEndPoint)channel.LocalAddress;

        public long ReceivedBytes => counters.ReceivedBytes;

        public int OpenConnections => counters.OpenConnections;

        public async ValueTask DisposeAsync()
        {
            await channel.CloseAsync();
            await Task.WhenAll(
                boss.ShutdownGracefullyAsync(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)),
                workers.ShutdownGracefullyAsync(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2)));
        }
    }
}
