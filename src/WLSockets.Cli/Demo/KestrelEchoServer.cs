using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WLSockets.Cli.Demo;

/// <summary>
/// An in-process ASP.NET Core (Kestrel) WebSocket echo server on 127.0.0.1, port chosen by the system: every whole
/// message comes back with its type; the first of the offered sub-protocols it knows (<c>chat.v1</c>, <c>wlsock.demo</c>)
/// is chosen.
/// </summary>
internal sealed class KestrelEchoServer : IAsyncDisposable
{
    private static readonly string[] s_supported = ["chat.v1", "wlsock.demo"];
    private readonly WebApplication _app;

    private KestrelEchoServer(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    /// <summary><c>ws://127.0.0.1:PORT/echo</c>.</summary>
    public Uri Uri { get; }

    public static async Task<KestrelEchoServer> StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new KestrelEchoServer(app, new UriBuilder(http) { Scheme = "ws", Path = "/echo" }.Uri);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        string? chosen = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => s_supported.Contains(p, StringComparer.Ordinal));
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(chosen);
        CancellationToken stopping = context.RequestAborted;
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stopping);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    await socket.SendAsync(message.ToArray(), result.MessageType, true, stopping);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away: this request is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
    }
}
