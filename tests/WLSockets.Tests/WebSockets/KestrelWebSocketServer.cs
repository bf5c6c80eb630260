using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WLSockets.Tests.WebSockets;

/// <summary>
/// An in-process ASP.NET Core (Kestrel) WebSocket server on 127.0.0.1, port chosen by the system; HTTPS (wss) when
/// given a certificate. Paths:
/// <c>/echo</c> echoes each whole message with its type; <c>/big?size=N&amp;frame=F</c> sends one binary message of N
/// bytes (byte i = i % 251) in frames of F bytes; <c>/close?code=C&amp;reason=R</c> closes at once;
/// <c>/drop</c> drops the TCP connection without a close frame at the first message; <c>/header?name=H</c> sends back that request header.
/// Sub-protocols supported: <c>chat.v1</c>, <c>soap</c> (the first one the client offers wins).
/// </summary>
internal sealed class KestrelWebSocketServer : IAsyncDisposable
{
    private static readonly string[] s_supported = ["chat.v1", "soap"];
    private readonly WebApplication _app;

    private KestrelWebSocketServer(WebApplication app) => _app = app;

    /// <summary><c>ws://127.0.0.1:port</c> or <c>wss://127.0.0.1:port</c>.</summary>
    public Uri BaseUri { get; private set; } = new("ws://127.0.0.1");

    public int Port => BaseUri.Port;

    /// <summary>Sub-protocols the clients offered, in arrival order (for checks).</summary>
    public List<string> OfferedProtocols { get; } = [];

    public Uri Uri(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public static async Task<KestrelWebSocketServer> StartAsync(X509Certificate2? certificate = null, IPAddress? address = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address ?? IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        WebApplication app = builder.Build();
        var server = new KestrelWebSocketServer(app);
        app.UseWebSockets();
        app.Run(context => server.HandleAsync(context));
        await app.StartAsync(Loopback.Ct).Within();
        var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.BaseUri = new UriBuilder(http) { Scheme = certificate is null ? "ws" : "wss", Path = "/" }.Uri;
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (context.Request.Path == "/missing")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        IList<string> offered = context.WebSockets.WebSocketRequestedProtocols;
        lock (OfferedProtocols)
        {
            OfferedProtocols.AddRange(offered);
        }

        string? chosen = offered.FirstOrDefault(p => s_supported.Contains(p, StringComparer.Ordinal));
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(chosen);
        CancellationToken stopping = context.RequestAborted;
        try
        {
            switch (context.Request.Path.Value)
            {
                case "/close":
                    int code = int.Parse(context.Request.Query["code"].FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture);
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, context.Request.Query["reason"].FirstOrDefault() ?? "", stopping);
                    await DrainUntilCloseAsync(socket, stopping);
                    return;
                case "/drop":
                    await socket.ReceiveAsync(new byte[16], stopping); // the upgrade has surely reached the client
                    context.Abort();
                    return;
                case "/big":
                    int size = int.Parse(context.Request.Query["size"].First()!, CultureInfo.InvariantCulture);
                    int frame = int.Parse(context.Request.Query["frame"].FirstOrDefault() ?? "65536", CultureInfo.InvariantCulture);
                    byte[] data = Pattern(size);
                    for (int offset = 0; offset < size || offset == 0; offset += frame)
                    {
                        int n = Math.Min(frame, size - offset);
                        await socket.SendAsync(data.AsMemory(offset, n), WebSocketMessageType.Binary, endOfMessage: offset + n >= size, stopping);
                        if (size == 0)
                        {
                            break;
                        }
                    }

                    await DrainUntilCloseAsync(socket, stopping);
                    return;
                case "/header":
                    string name = context.Request.Query["name"].First()!;
                    await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(context.Request.Headers[name].ToString()), WebSocketMessageType.Text, true, stopping);
                    await DrainUntilCloseAsync(socket, stopping);
                    return;
                default:
                    await EchoAsync(socket, stopping);
                    return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away: this request is over.
        }
    }

    /// <summary>Byte i = i % 251 (a period prime to every frame size, so a misplaced frame shows).</summary>
    public static byte[] Pattern(int size)
    {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++)
        {
            data[i] = (byte)(i % 251);
        }

        return data;
    }

    private static async Task EchoAsync(WebSocket socket, CancellationToken stopping)
    {
        var message = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
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

    private static async Task DrainUntilCloseAsync(WebSocket socket, CancellationToken stopping)
    {
        byte[] buffer = new byte[16 * 1024];
        while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(), stopping);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", stopping);
                }

                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
    }
}
