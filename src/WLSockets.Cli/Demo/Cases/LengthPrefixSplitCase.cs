using System.Globalization;
using System.Text;
using WLSockets.Cli.Infrastructure;
using WLSockets.Framing;

namespace WLSockets.Cli.Demo.Cases;

/// <summary>A ~10 KB length-prefixed message written 1 to 7 bytes at a time (Nagle off) is reassembled intact.</summary>
internal sealed class LengthPrefixSplitCase : IDemoCase
{
    private const int PayloadLength = 10 * 1024;

    public string Name => "length-split";

    public string Title => $"length prefix: one {PayloadLength:N0}-byte message cut into 1..7-byte TCP writes, reassembled intact";

    public async Task RunAsync(DemoContext context)
    {
        byte[] payload = MakePayload();
        byte[] header = Encoding.ASCII.GetBytes(payload.Length.ToString(CultureInfo.InvariantCulture) + Markers.RC);
        byte[] wire = [.. header, .. payload];
        List<ReadOnlyMemory<byte>> writes = Cut(wire);

        MessageListener listener = context.StartServer(TransmissionMode.SizePrefixed);
        Task<MessageConnection> accepted = context.AcceptAsync(listener);
        System.Net.Sockets.Socket socket = await context.ConnectRawAsync(listener.LocalEndPoint);
        MessageConnection server = await accepted;

        // The server is already waiting while the pieces trickle in.
        Task<byte[]> receive = server.ReceiveAsync(context.Timeout, context.CancellationToken).AsTask();
        foreach (ReadOnlyMemory<byte> piece in writes)
        {
            await context.WriteRawAsync(socket, piece);
        }

        context.Say("client", $"raw Socket (NoDelay) writes header \"{payload.Length}\\r\\n\" + {payload.Length:N0} bytes in {writes.Count:N0} writes of 1 to 7 bytes:");
        context.Say("", string.Join(" ", writes.Take(8).Select(w => "[" + ByteFormat.ToSpacedHex(w.Span) + "]")) + " ...");
        context.ShowWire(wire, "in total", maxBytes: 48);

        byte[] received = await context.WithinAsync(receive, "the server to reassemble the message");
        context.Say("server", $"received 1 message of {received.Length:N0} bytes: \"{ByteFormat.EscapeControls(Encoding.ASCII.GetString(received, 0, 40))}...\"");
        DemoContext.ExpectBytes(payload, received, "message received");
        DemoContext.Expect(server.BufferedByteCount == 0, $"{server.BufferedByteCount} bytes left over after the message");
        context.Say("check", $"all {received.Length:N0} bytes identical, header stripped, nothing left over");
    }

    private static byte[] MakePayload()
    {
        var text = new StringBuilder(PayloadLength + 64);
        for (int line = 0; text.Length < PayloadLength; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{line:D4}] WinDev sends this line in pieces; WLSockets puts it back together.\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, PayloadLength));
    }

    private static List<ReadOnlyMemory<byte>> Cut(byte[] wire)
    {
        var random = new Random(1252); // fixed seed: the same cuts every run
        var pieces = new List<ReadOnlyMemory<byte>>();
        for (int offset = 0; offset < wire.Length;)
        {
            int size = Math.Min(random.Next(1, 8), wire.Length - offset);
            pieces.Add(wire.AsMemory(offset, size));
            offset += size;
        }

        return pieces;
    }
}
