using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WLSockets.Cli.Bench;

/// <summary>
/// Baseline: an ASP.NET Core Kestrel <see cref="ConnectionHandler"/> (pipelines) with <see cref="BinaryFraming"/>:
/// every complete frame of one read is written back, then one flush. The client is <see cref="RawClient"/>.
/// </summary>
internal sealed class KestrelSystem : BinaryFramedSystem
{
    public override string Name => "kestrel";

    public override async Task<IBenchServer> StartServerAsync(string framing, ServerRole role, CancellationToken cancellationToken)
    {
        var counters = new ServerCounters();
        var handler = new EchoHandler(role, counters);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(_ => handler.OnConnectedAsync));
        });
        WebApplication app = builder.Build();
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new Server(app, new IPEndPoint(IPAddress.Loopback, address.Port), counters);
    }

    private sealed class EchoHandler(ServerRole role, ServerCounters counters) : ConnectionHandler
    {
        public override async Task OnConnectedAsync(ConnectionContext connection)
        {
            counters.Opened();
            PipeReader input = connection.Transport.Input;
            PipeWriter output = connection.Transport.Output;
            try
            {
                while (true)
                {
                    ReadResult result = await input.ReadAsync(connection.ConnectionClosed);
                    ReadOnlySequence<byte> buffer = result.Buffer;
                    bool wrote = false;
                    while (BinaryFraming.TryRead(ref buffer, out ReadOnlySequence<byte> frame))
                    {
                        counters.Received((int)frame.Length - BinaryFraming.HeaderLength);
                        if (role == ServerRole.Echo)
                        {
                            foreach (ReadOnlyMemory<byte> segment in frame)
                            {
                                output.Write(segment.Span);
                            }

                            wrote = true;
                        }
                    }

                    input.AdvanceTo(buffer.Start, buffer.End);
                    if (wrote)
                    {
                        await output.FlushAsync(connection.ConnectionClosed);
                    }

                    if (result.IsCompleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidDataException or ConnectionResetException)
            {
                // The client left, or the server stops.
            }
            finally
            {
                counters.Closed();
            }
        }
    }

    private sealed class Server(WebApplication app, IPEndPoint endPoint, ServerCounters counters) : IBenchServer
    {
        public IPEndPoint EndPoint => endPoint;

        public long ReceivedBytes => counters.ReceivedBytes;

        public int OpenConnections => counters.OpenConnections;

        public async ValueTask DisposeAsync()
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(stopping.Token);
            await app.DisposeAsync();
        }
    }
}
