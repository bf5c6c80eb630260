using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WLSockets.InteropTests.Infrastructure;

/// <summary>
/// An in-process Kestrel WebSocket server on 127.0.0.1 (free port): <c>/echo</c> sends every whole message back with
/// its type; <c>/close?code=C</c> closes at once with that status; <c>/sink</c> keeps every message in
/// <see cref="Sunk"/> and answers nothing. Sub-protocol <c>chat.v1</c> is chosen when offered.
/// </summary>
internal sealed class KestrelEcho : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelEcho(WebApplication app, Uri baseUri, System.Collections.Concurrent.ConcurrentQueue<byte[]> sunk)
    {
        _app = app;
        BaseUri = baseUri;
        Sunk = sunk;
    }

    /// <summary>The messages received on <c>/sink</c>, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<byte[]> Sunk { get; }

    /// <summary><c>ws://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<KestrelEcho> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.UseWebSockets();
        var sunk = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        app.Run(context => HandleAsync(context, sunk));
        await app.StartAsync(Tools.Token).WaitAsync(Tools.Timeout, Tools.Token);
        var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new KestrelEcho(app, new UriBuilder(http) { Scheme = "ws", Path = "/" }.Uri, sunk);
    }

    private static async Task HandleAsync(HttpContext context, System.Collections.Concurrent.ConcurrentQueue<byte[]> sunk)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        string? chosen = context.WebSockets.WebSocketRequestedProtocols.Contains("chat.v1") ? "chat.v1" : null;
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(chosen);
        CancellationToken stopping = context.RequestAborted;
        byte[] buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            if (context.Request.Path == "/close")
            {
                int code = int.Parse(context.Request.Query["code"].FirstOrDefault() ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "bye", stopping);
                while ((await socket.ReceiveAsync(buffer.AsMemory(), stopping)).MessageType != WebSocketMessageType.Close)
                {
                }

                return;
            }

            while (true)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), stopping);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stopping);
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage && context.Request.Path == "/sink")
                {
                    sunk.Enqueue(message.ToArray());
                    message.SetLength(0);
                }
                else if (result.EndOfMessage)
                {
                    await socket.SendAsync(message.ToArray(), result.MessageType, true, stopping);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
    }
}
