using System.Text;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// A <see cref="WebSocketConnection"/> to an in-process Kestrel echo endpoint on 127.0.0.1: the sub-protocol chosen
/// among those offered, a text and a binary message back whole with their type, then the closing handshake (1000).
/// </summary>
internal sealed class WebSocketCase : IDemoCase
{
    public string Name => "websocket";

    public string Title => "WebSocket (RFC 6455) to a Kestrel echo: sub-protocol, a text and a binary message round trip";

    public async Task RunAsync(DemoContext context)
    {
        KestrelEchoServer server = context.Track(await context.WithinAsync(KestrelEchoServer.StartAsync(context.CancellationToken), "Kestrel to start"));
        context.Say("server", $"Kestrel WebSocket echo at {server.Uri} (sub-protocols chat.v1, wlsock.demo)");

        var options = new WebSocketConnectionOptions { ConnectTimeout = context.Timeout };
        options.SubProtocols.Add("v0.unknown");
        options.SubProtocols.Add("chat.v1");
        WebSocketConnection client = await context.WithinAsync(
            WebSocketConnection.ConnectAsync(server.Uri, options, context.CancellationToken).AsTask(), "the WebSocket handshake");
        try
        {
            context.Say("client", $"ConnectAsync({server.Uri}), offering v0.unknown, chat.v1 -> sub-protocol {client.SubProtocol ?? "none"}");
            DemoContext.Expect(client.SubProtocol == "chat.v1", $"the server chose the sub-protocol '{client.SubProtocol}', not chat.v1");

            const string text = "Qui est là ?";
            await context.WithinAsync(client.SendAsync(text, context.CancellationToken).AsTask(), "the text send");
            context.Say("client", $"SendAsync({DemoContext.Quote(text, Encoding.UTF8.GetByteCount(text))}): one text message, UTF-8");
            WebSocketMessage echoed = await context.WithinAsync(client.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the text echo");
            context.Say("client", $"received a {(echoed.IsText ? "text" : "binary")} message {DemoContext.Quote(echoed.Text, echoed.Data.Length)}");
            DemoContext.Expect(echoed.IsText && echoed.Text == text, "the text message did not come back whole as text");

            byte[] binary = [0x39, 0x0D, 0x0A, 0x00, 0xFF, 0x48, 0x69];
            await context.WithinAsync(client.SendAsync(binary, context.CancellationToken).AsTask(), "the binary send");
            context.Say("client", $"SendAsync({ByteFormat.ToSpacedHex(binary)}): one binary message");
            WebSocketMessage back = await context.WithinAsync(client.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the binary echo");
            context.Say("client", $"received a {(back.IsText ? "text" : "binary")} message: {ByteFormat.ToSpacedHex(back.Data)}");
            DemoContext.Expect(!back.IsText, "the binary message came back as text");
            DemoContext.ExpectBytes(binary, back.Data, "binary echo");

            await context.WithinAsync(client.CloseAsync(), "the closing handshake");
            context.Say("client", $"CloseAsync(): closing handshake, status {client.CloseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            context.Say("check", "each message came back whole with its type (text/binary); the sub-protocol is the first the server knows");
        }
        catch
        {
            client.Abort();
            throw;
        }
    }
}
