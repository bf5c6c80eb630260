using System.Text;
using WLSockets.Cli.Infrastructure;
using WLSockets.Framing;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>
/// A <see cref="MessageConnection"/> client sends one text message through a <see cref="WireTap"/> to a
/// <see cref="MessageListener"/>: the wire must be exactly <see cref="ExpectedWire"/> and the server must get the text back.
/// </summary>
internal sealed class FramedTextCase(string name, string title, TransmissionMode mode, string? markerText, Encoding encoding, string text, byte[] expectedWire)
    : IDemoCase
{
    public string Name => name;

    public string Title => title;

    public byte[] ExpectedWire => expectedWire;

    public async Task RunAsync(DemoContext context)
    {
        byte[]? marker = markerText is null ? null : Markers.Parse(markerText, encoding);
        string framing = DemoText.Framing(mode, markerText, encoding);
        MessageListener listener = context.StartServer(mode, marker, encoding);
        (MessageConnection client, MessageConnection server, WireTap tap) = await context.ConnectThroughTapAsync(listener, mode, marker, encoding);

        context.Say("client", $"MessageConnection ({framing}) sends {DemoContext.Quote(text, encoding.GetByteCount(text))}");
        await context.WithinAsync(client.SendAsync(text, context.CancellationToken).AsTask(), "the send");
        byte[] payload = await context.WithinAsync(server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the server to receive the message");
        string received = encoding.GetString(payload);
        byte[] wire = tap.ClientBytes;

        context.ShowWire(wire, "written by the client");
        context.Say("server", $"MessageListener ({framing}) received {DemoContext.Quote(received, payload.Length)}");
        DemoContext.ExpectBytes(expectedWire, wire, "wire bytes");
        DemoContext.Expect(received == text, $"the server received \"{ByteFormat.EscapeControls(received)}\" instead of \"{ByteFormat.EscapeControls(text)}\"");
        context.Say("check", $"wire is exactly {ByteFormat.ToSpacedHex(expectedWire)}; text intact");
    }
}
