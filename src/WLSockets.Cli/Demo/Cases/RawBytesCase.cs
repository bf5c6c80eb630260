using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>Raw mode (SocketSansMarqueurFin): bytes that look like headers and markers go through untouched.</summary>
internal sealed class RawBytesCase : IDemoCase
{
    private static readonly byte[] s_payload = [0x00, 0x01, 0x7F, 0x80, 0xE9, 0xFF, (byte)'9', 0x0D, 0x0A, (byte)'<', (byte)'E', (byte)'O', (byte)'F', (byte)'>', 0x04];

    public string Name => "raw";

    public string Title => "raw mode (SocketSansMarqueurFin): bytes unchanged, no header, no marker";

    public async Task RunAsync(DemoContext context)
    {
        MessageListener listener = context.StartServer(TransmissionMode.NoEndTag);
        (MessageConnection client, MessageConnection server, WireTap tap) = await context.ConnectThroughTapAsync(listener, TransmissionMode.NoEndTag);

        context.Say("client", $"MessageConnection (raw) sends {s_payload.Length} bytes: {ByteFormat.ToSpacedHex(s_payload)}");
        await context.WithinAsync(client.SendAsync(s_payload, context.CancellationToken).AsTask(), "the send");

        // Raw mode keeps no boundaries: gather receives until every byte is in.
        var received = new List<byte>();
        int receives = 0;
        while (received.Count < s_payload.Length)
        {
            byte[] chunk = await context.WithinAsync(server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask(), "the server to receive the bytes");
            receives++;
            received.AddRange(chunk);
        }

        byte[] wire = tap.ClientBytes;
        context.ShowWire(wire, "written by the client");
        context.Say("server", $"MessageListener (raw) received {received.Count} bytes in {receives} receive(s): {ByteFormat.ToSpacedHex(received.ToArray())}");
        DemoContext.ExpectBytes(s_payload, wire, "wire bytes");
        DemoContext.ExpectBytes(s_payload, received.ToArray(), "bytes received");
        context.Say("check", "wire = payload = bytes received: nothing added, nothing interpreted");
    }
}
